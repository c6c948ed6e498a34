/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { repoRoot } from '@internal/test-support';

export { repoRoot };

const run = promisify(execFile);

/** A rendered Kubernetes object; only the fields the checks read are typed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: any;
}

/** The Argo CD CRDs shipped beside the repository (`../shared/contracts`). */
export const contractsDir = path.resolve(repoRoot, '../shared/contracts');

export function parseYamlDocuments(text: string): K8sObject[] {
  return yaml
    .loadAll(text)
    .filter((doc): doc is K8sObject => doc !== null && doc !== undefined);
}

export function loadYamlFile(file: string): K8sObject[] {
  return parseYamlDocuments(
    fs.readFileSync(path.resolve(repoRoot, file), 'utf8'),
  );
}

/**
 * Renders a kustomization with the real `kubectl kustomize`. Fails (never
 * skips) when kubectl is missing: CI installs it.
 */
export async function kustomize(dir: string): Promise<K8sObject[]> {
  const absolute = path.resolve(repoRoot, dir);
  try {
    const { stdout } = await run('kubectl', ['kustomize', absolute], {
      maxBuffer: 32 * 1024 * 1024,
    });
    return parseYamlDocuments(stdout);
  } catch (error: any) {
    if (error?.code === 'ENOENT') {
      throw new Error(
        'kubectl is not on PATH: install kubectl (>= 1.27) to render deploy/',
      );
    }
    throw new Error(
      `kubectl kustomize ${dir} failed: ${error?.stderr || error?.message}`,
    );
  }
}

export function byKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter(o => o.kind === kind);
}

export function findObject(
  objects: K8sObject[],
  kind: string,
  name: string,
): K8sObject {
  const found = objects.find(o => o.kind === kind && o.metadata?.name === name);
  if (!found) {
    throw new Error(
      `No ${kind} ${name} among ${objects
        .map(o => `${o.kind}/${o.metadata?.name}`)
        .join(', ')}`,
    );
  }
  return found;
}

export const objectRef = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;
