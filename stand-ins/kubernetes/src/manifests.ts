/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Turns a folder or file of manifests into objects for `apply`: a folder
 * with a kustomization is rendered with `kubectl kustomize` (as Argo CD
 * does), other folders and files are read as (multi-document) YAML or JSON.
 */

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

const execFileAsync = promisify(execFile);

const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** Parses multi-document YAML (or JSON) text into objects, skipping empty documents. */
export function parseManifests(text: string, origin = 'input'): object[] {
  const objects: object[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      throw new InputError(
        `${origin} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(
        `${origin} contains a document that is not an object`,
      );
    }
    objects.push(value);
  }
  return objects;
}

/** Renders a kustomization directory with `kubectl kustomize`. */
export async function kustomize(
  dir: string,
  kubectl: string = process.env.KUBECTL ?? 'kubectl',
): Promise<object[]> {
  try {
    const { stdout } = await execFileAsync(kubectl, ['kustomize', dir], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return parseManifests(stdout, `kubectl kustomize ${dir}`);
  } catch (error: any) {
    if (error?.code === 'ENOENT') {
      throw new Error(
        `kubectl not found (looked for "${kubectl}"); install kubectl or set KUBECTL`,
      );
    }
    if (error instanceof InputError) throw error;
    throw new InputError(
      `kubectl kustomize ${dir} failed: ${String(
        error?.stderr || error?.message,
      ).trim()}`,
    );
  }
}

/**
 * Reads manifests from a kustomization directory, a plain directory of
 * `*.yaml`/`*.yml`/`*.json` files (recursively, in name order) or one file.
 */
export async function renderManifests(target: string): Promise<object[]> {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new InputError(`${target} does not exist`);
  }
  if (stat.isFile()) {
    return parseManifests(fs.readFileSync(target, 'utf8'), target);
  }
  if (KUSTOMIZATION_FILES.some(f => fs.existsSync(path.join(target, f)))) {
    return kustomize(target);
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name)) files.push(full);
    }
  };
  walk(target);
  return files.flatMap(f => parseManifests(fs.readFileSync(f, 'utf8'), f));
}
