/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Test helper: checks Application bodies against Argo CD 3.6's own contract,
 * `v1alpha1Application` in swagger.json and the Application CRD's
 * openAPIV3Schema. Both files come from the @internal/argocd-stand-in package
 * (unchanged copies of Argo CD's files). Unknown fields are errors, as they
 * are for Argo CD's API server.
 */

import Ajv, { ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

const contractDir = path.join(
  path.dirname(require.resolve('@internal/argocd-stand-in/package.json')),
  'contract',
);

function strict(node: any): any {
  if (Array.isArray(node)) return node.map(strict);
  if (!node || typeof node !== 'object') return node;
  const copy: any = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === 'properties' || key === 'definitions'
        ? Object.fromEntries(
            Object.entries(value as object).map(([k, v]) => [k, strict(v)]),
          )
        : strict(value);
  }
  const open =
    copy.additionalProperties !== undefined ||
    copy.allOf ||
    copy['x-kubernetes-preserve-unknown-fields'];
  if (copy.properties && !open) copy.additionalProperties = false;
  return copy;
}

let validators:
  | { swagger: ValidateFunction; crd: ValidateFunction }
  | undefined;

function load() {
  if (validators) return validators;
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    code: { optimize: false },
    formats: { 'date-time': true, int32: true, int64: true, byte: true },
  });
  const swagger = JSON.parse(
    fs.readFileSync(path.join(contractDir, 'swagger.json'), 'utf8'),
  );
  ajv.addSchema({ $id: 'swagger', definitions: strict(swagger.definitions) });
  const crd = yaml.parse(
    fs.readFileSync(path.join(contractDir, 'application-crd.yaml'), 'utf8'),
  );
  const schema = strict(
    crd.spec.versions.find((v: any) => v.name === 'v1alpha1').schema
      .openAPIV3Schema,
  );
  validators = {
    swagger: ajv.compile({ $ref: 'swagger#/definitions/v1alpha1Application' }),
    crd: ajv.compile(schema),
  };
  return validators;
}

/**
 * Returns the contract violations of an Application request body (an empty
 * list when it conforms).
 */
export function applicationContractErrors(body: unknown): string[] {
  const { swagger, crd } = load();
  const errors: string[] = [];
  if (!swagger(body)) {
    errors.push(
      ...(swagger.errors ?? []).map(
        e =>
          `swagger ${e.instancePath || '/'} ${e.message} ${JSON.stringify(
            e.params,
          )}`,
      ),
    );
  }
  const resource = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    ...(body as object),
  };
  if (!crd(resource)) {
    errors.push(
      ...(crd.errors ?? []).map(
        e =>
          `crd ${e.instancePath || '/'} ${e.message} ${JSON.stringify(
            e.params,
          )}`,
      ),
    );
  }
  return errors;
}
