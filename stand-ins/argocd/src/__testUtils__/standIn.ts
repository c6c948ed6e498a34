/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* What the stand-in's HTTP tests share: starting it, calling it, checking answers against the contract. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArgoCdContract } from '../contract';
import {
  ArgoCdStandIn,
  ArgoCdStandInOptions,
  createArgoCdStandIn,
} from '../standIn';

export const TOKEN = 'stand-in-test-token';
const contract = ArgoCdContract.load();

const started: ArgoCdStandIn[] = [];
const dirs: string[] = [];

export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-stand-in-'));
  dirs.push(dir);
  return dir;
}

export async function start(options: ArgoCdStandInOptions = {}) {
  const standIn = await createArgoCdStandIn({
    port: 0,
    token: TOKEN,
    dataDir: options.dataDir ?? tempDir(),
    syncDelayMs: 50,
    // An open project for these tests; projects.test.ts covers enforcement
    // and the locked `default`.
    projects: ['shop'],
    ...options,
  });
  started.push(standIn);
  return standIn;
}

export function api(standIn: ArgoCdStandIn, token: string | null = TOKEN) {
  return async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${standIn.url}${p}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
}

export function application(
  name = 'shop-api',
  extra: {
    labels?: Record<string, string>;
    automated?: boolean;
    destination?: object;
    project?: string;
  } = {},
) {
  return {
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: {
      project: extra.project ?? 'shop',
      source: {
        repoURL: 'https://github.com/acme/shop-api.git',
        path: 'deploy',
        targetRevision: 'main',
      },
      destination: extra.destination ?? {
        name: 'in-cluster',
        namespace: 'shop',
      },
      ...(extra.automated === false
        ? {}
        : {
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              syncOptions: ['CreateNamespace=true'],
            },
          }),
    },
  };
}

export function expectConforms(definition: string, value: unknown) {
  const result =
    definition === 'v1alpha1Application'
      ? contract.validateApplication(value)
      : contract.validateDefinition(definition, value);
  expect({ definition, result }).toEqual({
    definition,
    result: { valid: true },
  });
}

export async function waitFor<T>(
  fn: () => Promise<T>,
  done: (v: T) => boolean,
  ms = 3000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise(r => setTimeout(r, 20));
  }
}

/** Stops the stand-ins and removes the folders the test started (`afterEach(cleanUp)`). */
export async function cleanUp() {
  await Promise.all(started.splice(0).map(s => s.stop()));
  for (const dir of dirs.splice(0))
    fs.rmSync(dir, { recursive: true, force: true });
}

/** Forgets a stand-in the test stopped itself. */
export function forget(standIn: ArgoCdStandIn) {
  started.splice(started.indexOf(standIn), 1);
}
