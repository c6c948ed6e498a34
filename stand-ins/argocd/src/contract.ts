/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Validation against the Argo CD 3.6 API contract.
 *
 * The contract files in ../contract are unchanged copies of Argo CD's own
 * `assets/swagger.json` and `manifests/crds/application-crd.yaml` (see
 * ../contract/README.md). Both are compiled with ajv. Argo CD's API server
 * rejects unknown fields in request bodies, and neither file says so, so every
 * object schema that lists its properties is made closed
 * (`additionalProperties: false`) before compiling. Objects that deliberately
 * accept anything (`x-kubernetes-preserve-unknown-fields`, maps with
 * `additionalProperties`) stay open.
 */

import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { load as parseYaml } from 'js-yaml';

/** Directory holding the Argo CD contract files shipped with this package. */
export const contractDir = path.join(
  path.dirname(require.resolve('@internal/argocd-stand-in/package.json')),
  'contract',
);

type JsonSchema = { [key: string]: unknown };

function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(closeObjects);
  }
  if (!schema || typeof schema !== 'object') {
    return schema;
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    // `properties` and `definitions` are maps of names to schemas; recurse
    // into each schema but never treat the map itself as a schema.
    if ((key === 'properties' || key === 'definitions') && value) {
      out[key] = Object.fromEntries(
        Object.entries(value as JsonSchema).map(([k, v]) => [
          k,
          closeObjects(v),
        ]),
      );
    } else {
      out[key] = closeObjects(value);
    }
  }
  if (
    out.properties &&
    out.additionalProperties === undefined &&
    out.allOf === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function createAjv() {
  // Code optimisation is off: it halves the compile time of the large CRD
  // schema and validation speed does not matter here.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    code: { optimize: false },
  });
  ajv.addFormat('date-time', DATE_TIME);
  for (const format of ['int32', 'int64', 'byte']) {
    ajv.addFormat(format, true);
  }
  return ajv;
}

const loaded = new Map<string, ArgoCdContract>();

/** The result of validating a value against one contract schema. */
export type ContractResult =
  | { valid: true }
  | { valid: false; errors: string[] };

/** Validates values against Argo CD's swagger definitions and Application CRD. */
export class ArgoCdContract {
  private readonly ajv = createAjv();
  private readonly swaggerValidators = new Map<string, ValidateFunction>();
  private readonly crdSchema: JsonSchema;
  private readonly crdRequestValidator: ValidateFunction;
  private crdFullValidator?: ValidateFunction;
  private appProjectValidator?: ValidateFunction;
  private readonly definitionNames: Set<string>;

  /** Loads (once per directory and process) and compiles the contract. */
  static load(dir: string = contractDir): ArgoCdContract {
    let contract = loaded.get(dir);
    if (!contract) {
      contract = ArgoCdContract.read(dir);
      loaded.set(dir, contract);
    }
    return contract;
  }

  private static read(dir: string): ArgoCdContract {
    const swagger = JSON.parse(
      fs.readFileSync(path.join(dir, 'swagger.json'), 'utf8'),
    );
    const crd = parseYaml(
      fs.readFileSync(path.join(dir, 'application-crd.yaml'), 'utf8'),
    ) as any;
    return new ArgoCdContract(swagger, crd, dir);
  }

  private constructor(swagger: any, crd: any, private readonly dir: string) {
    this.definitionNames = new Set(Object.keys(swagger.definitions));
    this.ajv.addSchema(
      { $id: 'argocd-swagger', definitions: closeObjects(swagger.definitions) },
      'argocd-swagger',
    );
    const version = crd.spec.versions.find(
      (v: { name: string }) => v.name === 'v1alpha1',
    );
    this.crdSchema = closeObjects(version.schema.openAPIV3Schema) as JsonSchema;
    // Request bodies carry no status (Argo CD ignores it), and the status
    // part is most of the CRD's size: compile it only when asked for.
    const { status: _status, ...requestProperties } = this.crdSchema
      .properties as JsonSchema;
    this.crdRequestValidator = this.ajv.compile({
      ...this.crdSchema,
      properties: requestProperties,
    });
  }

  /** Validates a value against `#/definitions/<name>` of Argo CD's swagger.json. */
  validateDefinition(name: string, value: unknown): ContractResult {
    if (!this.definitionNames.has(name)) {
      throw new Error(`Unknown swagger definition ${name}`);
    }
    let validator = this.swaggerValidators.get(name);
    if (!validator) {
      validator = this.ajv.compile({
        $ref: `argocd-swagger#/definitions/${name}`,
      });
      this.swaggerValidators.set(name, validator);
    }
    return toResult(validator, value);
  }

  /**
   * Validates an Application as stored by Kubernetes: the CRD's schema, with
   * `apiVersion` and `kind` as the API server would add them.
   */
  validateApplicationResource(
    app: Record<string, unknown>,
    part: 'full' | 'request' = 'full',
  ): ContractResult {
    let validator = this.crdRequestValidator;
    if (part === 'full') {
      this.crdFullValidator ??= this.ajv.compile(this.crdSchema);
      validator = this.crdFullValidator;
    }
    return toResult(validator, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      ...app,
    });
  }

  /**
   * Validates an AppProject as the API returns it (or as a manifest declares
   * it): `v1alpha1AppProject` of swagger.json and the AppProject CRD
   * (`appproject-crd.yaml`), with `apiVersion` and `kind` as Kubernetes adds them.
   */
  validateAppProject(project: Record<string, unknown>): ContractResult {
    if (!this.appProjectValidator) {
      const crd = parseYaml(
        fs.readFileSync(path.join(this.dir, 'appproject-crd.yaml'), 'utf8'),
      ) as any;
      const version = crd.spec.versions.find(
        (v: { name: string }) => v.name === 'v1alpha1',
      );
      this.appProjectValidator = this.ajv.compile(
        closeObjects(version.schema.openAPIV3Schema) as JsonSchema,
      );
    }
    const { apiVersion: _a, kind: _k, ...body } = project;
    const errors: string[] = [];
    const swagger = this.validateDefinition('v1alpha1AppProject', body);
    if (!swagger.valid)
      errors.push(...swagger.errors.map(e => `swagger: ${e}`));
    const crd = toResult(this.appProjectValidator, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      ...body,
    });
    if (!crd.valid) errors.push(...crd.errors.map(e => `crd: ${e}`));
    return errors.length ? { valid: false, errors } : { valid: true };
  }

  /**
   * Validates an Application body as sent to or returned by the Argo CD API:
   * it must match both `v1alpha1Application` and the Application CRD.
   * `part: 'request'` skips the CRD's `status` schema (clients send none;
   * swagger still checks it), which makes the stand-in start faster.
   */
  validateApplication(
    app: unknown,
    part: 'full' | 'request' = 'full',
  ): ContractResult {
    const errors: string[] = [];
    const swagger = this.validateDefinition('v1alpha1Application', app);
    if (!swagger.valid) {
      errors.push(...swagger.errors.map(e => `swagger: ${e}`));
    }
    if (app && typeof app === 'object' && !Array.isArray(app)) {
      const crd = this.validateApplicationResource(
        app as Record<string, unknown>,
        part,
      );
      if (!crd.valid) {
        errors.push(...crd.errors.map(e => `crd: ${e}`));
      }
    } else {
      errors.push('body must be a JSON object');
    }
    return errors.length ? { valid: false, errors } : { valid: true };
  }
}

function toResult(validator: ValidateFunction, value: unknown): ContractResult {
  if (validator(value)) {
    return { valid: true };
  }
  return {
    valid: false,
    errors: (validator.errors ?? []).map(formatError),
  };
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown field "${
      (error.params as { additionalProperty: string }).additionalProperty
    }"`;
  }
  return `${where}: ${error.message}`;
}
