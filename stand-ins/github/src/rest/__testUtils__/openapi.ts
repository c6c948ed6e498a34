/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';

/**
 * Response validation against GitHub's own OpenAPI description
 * (@octokit/openapi, api.github.com): the schema of the operation's response,
 * with every referenced component schema.
 */
const spec = JSON.parse(
  readFileSync(
    require.resolve('@octokit/openapi/generated/api.github.com.json'),
    'utf8',
  ),
);
/**
 * OpenAPI 3.0 -> JSON Schema for ajv: refs point into the registered spec, and
 * `nullable` without `type` (used next to allOf/$ref) becomes `anyOf [.., null]`.
 */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#/')
        ? `https://api.github.com/openapi${v}`
        : toJsonSchema(v);
  }
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({
  $id: 'https://api.github.com/openapi',
  components: toJsonSchema(spec.components),
});

const cache = new Map<string, ValidateFunction>();
export function responseValidator(
  path: string,
  method: string,
  status: number,
): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  let v = cache.get(key);
  if (!v) {
    const op = spec.paths[path]?.[method];
    if (!op)
      throw new Error(
        `No operation ${method} ${path} in the OpenAPI description`,
      );
    let response = op.responses[String(status)];
    if (!response)
      throw new Error(`No ${status} response for ${method} ${path}`);
    if (response.$ref) {
      response = spec.components.responses[response.$ref.split('/').pop()];
    }
    const schema = response.content['application/json'].schema;
    v = ajv.compile(toJsonSchema(schema));
    cache.set(key, v);
  }
  return v;
}

export async function expectSchema(
  res: Response,
  path: string,
  method: string,
  status: number,
): Promise<any> {
  expect(res.status).toBe(status);
  const body: any = await res.json();
  const validate = responseValidator(path, method, status);
  const ok = validate(body);
  if (!ok) {
    throw new Error(
      `${method.toUpperCase()} ${path} ${status} does not match GitHub's schema:\n${JSON.stringify(
        validate.errors,
        null,
        2,
      )}`,
    );
  }
  return body;
}
