/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { K8sObject, loadYamlFile, objectRef, repoRoot } from './manifests';

export interface ValidationResult {
  ref: string;
  ok: boolean;
  message: string;
}

/**
 * Validates objects with `kubernetes-models`, `@kubernetes-models/argo-cd` and
 * `@kubernetes-models/external-secrets` in a Node.js child process (they are
 * ES modules only; see validate-models.mjs). An object of a kind none of them
 * knows is reported as a failure, not skipped.
 */
export async function validateWithModels(
  objects: K8sObject[],
): Promise<ValidationResult[]> {
  const script = path.join(
    repoRoot,
    'packages/e2e-tests/src/deploy/validate-models.mjs',
  );
  if (!fs.existsSync(script)) throw new Error(`missing ${script}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd: path.dirname(script),
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', c => (stdout += c));
    child.stderr.on('data', c => (stderr += c));
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) {
        reject(new Error(`validate-models.mjs exited with ${code}: ${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch (e) {
        reject(
          new Error(`validate-models.mjs printed no JSON: ${stdout}${stderr}`),
        );
      }
    });
    child.stdin.end(JSON.stringify(objects));
  });
}

export type ObjectValidator = (object: K8sObject) => string[];

/**
 * A validator for the custom resource a CRD file defines, using the CRD's own
 * `openAPIV3Schema` for the object's apiVersion (ajv; `x-kubernetes-*`
 * extensions are ignored as the API server's structural schema would not
 * reject on them).
 */
export function crdValidator(crdFile: string): ObjectValidator {
  const [crd] = loadYamlFile(crdFile);
  if (crd?.kind !== 'CustomResourceDefinition') {
    throw new Error(`${crdFile} is not a CustomResourceDefinition`);
  }
  const { group, names, versions } = crd.spec as {
    group: string;
    names: { kind: string };
    versions: Array<{
      name: string;
      served: boolean;
      schema: { openAPIV3Schema: object };
    }>;
  };
  // Formats such as int64/int32 only restate the type here; the API server
  // does not reject on them either.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
  });
  const compiled = new Map(
    versions
      .filter(v => v.served)
      .map(v => [`${group}/${v.name}`, ajv.compile(v.schema.openAPIV3Schema)]),
  );
  return object => {
    if (object.kind !== names.kind) {
      return [`${objectRef(object)}: kind is not ${names.kind}`];
    }
    const validate = compiled.get(object.apiVersion);
    if (!validate) {
      return [
        `${objectRef(object)}: ${
          object.apiVersion
        } is not served by ${crdFile}`,
      ];
    }
    if (validate(object)) return [];
    return (validate.errors ?? []).map(
      e => `${objectRef(object)}: ${e.instancePath || '/'} ${e.message}`,
    );
  };
}
