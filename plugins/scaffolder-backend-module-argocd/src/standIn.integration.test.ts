/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * argocd:app:create and argocd:app:wait against the real Argo CD stand-in over
 * loopback (no msw): the same HTTP path the portal uses against Argo CD.
 */

import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ArgoCdStandIn,
  DEGRADED_OUTCOME_LABEL,
  createArgoCdStandIn,
} from '@internal/argocd-stand-in';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createArgoCdCreateApplicationAction } from './actions/createApplication';
import { createArgoCdWaitForApplicationAction } from './actions/waitForApplication';
import { capturingLogger } from '@internal/plugin-argocd-node-test-utils';

const TOKEN = 'integration-token-3e1f0b';

let standIn: ArgoCdStandIn;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-module-it-'));
  standIn = await createArgoCdStandIn({
    port: 0,
    token: TOKEN,
    dataDir,
    syncDelayMs: 150,
    projects: ['team-shop'],
    clusters: [{ name: 'eks-sandbox', server: 'https://127.0.0.1:6443' }],
  });
});

afterAll(async () => {
  await standIn?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function config(token = TOKEN, url = standIn.url) {
  return new ConfigReader({
    argocd: {
      instances: [{ name: 'sandbox', url, token }],
      waitDefaults: { intervalSeconds: 0.05, timeoutSeconds: 10 },
    },
  });
}

const retry = { attempts: 2, initialDelayMs: 5 };

async function create(
  input: object,
  options: { token?: string; url?: string; isDryRun?: boolean } = {},
) {
  const action = createArgoCdCreateApplicationAction({
    config: config(options.token, options.url),
    retry,
  });
  const { logger, text } = capturingLogger();
  const ctx = {
    ...createMockActionContext({
      input: input as any,
      logger,
      workspacePath: os.tmpdir(),
    }),
    isDryRun: options.isDryRun,
  };
  await action.handler(ctx as any);
  return { ctx, logText: text };
}

async function wait(appName: string) {
  const action = createArgoCdWaitForApplicationAction({
    config: config(),
    retry,
  });
  const ctx = createMockActionContext({
    input: { appName },
    workspacePath: os.tmpdir(),
  });
  await action.handler(ctx as any);
  return ctx;
}

const input = {
  appName: 'shop-api',
  project: 'team-shop',
  repoUrl: 'https://github.com/acme/shop-api.git',
  path: 'deploy/overlays/eks',
  targetRevision: 'main',
  destinationName: 'eks-sandbox',
  namespace: 'shop',
  automatedSync: true,
  prune: true,
  selfHeal: true,
  createNamespace: true,
  labels: { 'backstage.io/kubernetes-id': 'shop-api' },
};

async function readApp(name: string) {
  const res = await fetch(
    `${standIn.url}/api/v1/applications/${name}?projects=team-shop`,
    {
      headers: { Authorization: `Bearer ${TOKEN}` },
    },
  );
  return { status: res.status, body: (await res.json()) as any };
}

describe('Argo CD actions against the stand-in', () => {
  it('creates an Application and waits until it is Synced and Healthy', async () => {
    const { ctx, logText } = await create(input);
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      `${standIn.url}/applications/shop-api`,
    );
    expect(logText()).not.toContain(TOKEN);

    const waited = await wait('shop-api');
    expect(waited.output).toHaveBeenCalledWith('syncStatus', 'Synced');
    expect(waited.output).toHaveBeenCalledWith('healthStatus', 'Healthy');

    const stored = await readApp('shop-api');
    expect(stored.body.spec).toEqual({
      project: 'team-shop',
      source: {
        repoURL: 'https://github.com/acme/shop-api.git',
        path: 'deploy/overlays/eks',
        targetRevision: 'main',
      },
      destination: { name: 'eks-sandbox', namespace: 'shop' },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
      },
    });
  });

  it('is a no-op with the same spec, refuses a change without upsert, applies it with upsert', async () => {
    const before = await readApp('shop-api');
    const again = await create(input);
    expect(again.ctx.output).toHaveBeenCalledWith('result', 'unchanged');
    expect((await readApp('shop-api')).body.metadata.resourceVersion).toBe(
      before.body.metadata.resourceVersion,
    );

    await expect(
      create({ ...input, targetRevision: 'release-1' }),
    ).rejects.toThrow('source.targetRevision is "main", wanted "release-1"');
    expect((await readApp('shop-api')).body.spec.source.targetRevision).toBe(
      'main',
    );

    const updated = await create({
      ...input,
      targetRevision: 'release-1',
      upsert: true,
    });
    expect(updated.ctx.output).toHaveBeenCalledWith('result', 'updated');
    expect((await readApp('shop-api')).body.spec.source.targetRevision).toBe(
      'release-1',
    );
    await wait('shop-api');
  });

  it('fails the wait with Argo CD’s message when the Application becomes Degraded', async () => {
    await create({
      ...input,
      appName: 'shop-broken',
      labels: { [DEGRADED_OUTCOME_LABEL]: 'degraded' },
    });
    await expect(wait('shop-broken')).rejects.toThrow(
      'is Degraded: Deployment "shop-broken" exceeded its progress deadline',
    );
  });

  it('does not create anything in a dry run', async () => {
    await create({ ...input, appName: 'shop-dry' }, { isDryRun: true });
    expect((await readApp('shop-dry')).status).toBe(404);
  });

  it('reports a wrong token, an unknown project and an unknown cluster clearly', async () => {
    const wrongToken = 'wrong-token-9a8b';
    const auth = await create(
      { ...input, appName: 'x1' },
      { token: wrongToken },
    ).catch(e => e);
    expect(auth.name).toBe('AuthenticationError');
    expect(auth.message).toContain('Argo CD instance "sandbox"');
    expect(auth.message).not.toContain(wrongToken);

    const project = await create({
      ...input,
      appName: 'x2',
      project: 'team-nope',
    }).catch(e => e);
    expect(project.name).toBe('NotFoundError');
    expect(project.message).toContain('has no project "team-nope"');

    const cluster = await create({
      ...input,
      appName: 'x3',
      destinationName: 'eks-nope',
    }).catch(e => e);
    expect(cluster.name).toBe('InputError');
    expect(cluster.message).toContain(
      'there are no clusters with this name: eks-nope',
    );
  });

  it('fails after retrying when Argo CD cannot be reached', async () => {
    const gone = await createArgoCdStandIn({
      port: 0,
      token: TOKEN,
      dataDir: path.join(dataDir, 'gone'),
    });
    const url = gone.url;
    await gone.stop();
    const error = await create({ ...input, appName: 'x4' }, { url }).catch(
      e => e,
    );
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('after 2 attempts');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
