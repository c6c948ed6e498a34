/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The status route against the real Argo CD stand-in over loopback (no msw):
 * the same HTTP path the portal takes to a real Argo CD.
 */

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ArgoCdStandIn, createArgoCdStandIn } from '@internal/argocd-stand-in';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { argocdPlugin } from './plugin';
import { component } from './__testUtils__/fixtures';

const TOKEN = 'standin-token-2b7c91';
const OUTSIDER = 'user:default/outsider';

let standIn: ArgoCdStandIn;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-backend-it-'));
  standIn = await createArgoCdStandIn({
    port: 0,
    dataDir,
    token: TOKEN,
    syncDelayMs: 200,
    // The stand-in's `default` project is locked, as deploy/ ships it.
    projects: ['team-orders'],
  });
});

afterAll(async () => {
  await standIn?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const entities = [
  component('orders-api', { 'argocd/app-name': 'orders-api' }),
  component('orders-unknown', { 'argocd/app-name': 'orders-unknown' }),
];

/** A catalog whose permission policy hides every entity from OUTSIDER. */
function catalog() {
  const fake = catalogServiceMock({ entities });
  return catalogServiceMock.mock({
    getEntityByRef: jest.fn(async (ref, options) => {
      const { credentials } = options as CatalogServiceRequestOptions;
      const principal = credentials.principal as {
        userEntityRef?: string;
      };
      if (principal.userEntityRef === OUTSIDER) return undefined;
      return fake.getEntityByRef(ref, options);
    }),
  });
}

async function startBackend(argoCdUrl = standIn.url) {
  const { server } = await startTestBackend({
    features: [
      argocdPlugin,
      mockServices.rootConfig.factory({
        data: {
          argocd: {
            instances: [{ name: 'sandbox', url: argoCdUrl, token: TOKEN }],
          },
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalog().factory,
    ],
  });
  return server;
}

async function createApplication(name: string) {
  const res = await fetch(`${standIn.url}/api/v1/applications`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      metadata: { name },
      spec: {
        project: 'team-orders',
        source: {
          repoURL: `https://github.com/acme/${name}.git`,
          path: 'deploy/overlays/eks',
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'orders',
        },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    }),
  });
  expect(res.status).toBe(200);
}

const statusPath = (name: string) =>
  `/api/argocd/entities/default/component/${name}/status`;

describe('Argo CD status route against the stand-in', () => {
  it('reports Progressing while the sync runs, then Synced and Healthy', async () => {
    const server = await startBackend();
    await createApplication('orders-api');
    const alice = mockCredentials.user.header('user:default/alice');

    const first = await request(server)
      .get(statusPath('orders-api'))
      .set('Authorization', alice);
    expect(first.status).toBe(200);
    expect(first.body.sync.status).toBe('OutOfSync');
    expect(first.body.health.status).toBe('Progressing');
    expect(first.body.lastSync).toEqual(
      expect.objectContaining({ phase: 'Running' }),
    );
    expect(first.body.lastSync.finishedAt).toBeUndefined();

    let body = first.body;
    const deadline = Date.now() + 10_000;
    while (body.health.status !== 'Healthy' && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
      const res = await request(server)
        .get(statusPath('orders-api'))
        .set('Authorization', alice);
      expect(res.status).toBe(200);
      body = res.body;
    }

    expect(body).toEqual({
      instance: 'sandbox',
      appName: 'orders-api',
      url: `${standIn.url}/applications/orders-api`,
      sync: {
        status: 'Synced',
        revision: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
      health: { status: 'Healthy' },
      lastSync: {
        phase: 'Succeeded',
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        message: 'successfully synced (all tasks run)',
        revision: body.sync.revision,
      },
      deployments: [
        {
          revision: body.sync.revision,
          deployStartedAt: expect.any(String),
          deployedAt: expect.any(String),
        },
      ],
      fetchedAt: expect.any(String),
    });
    expect(Date.parse(body.lastSync.finishedAt)).not.toBeNaN();
    expect(JSON.stringify(body)).not.toContain(TOKEN);
  });

  it('refuses a caller the catalog does not let read the entity', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('orders-api'))
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Synced');
    expect(res.text).not.toContain('Healthy');

    const anonymous = await request(server).get(statusPath('orders-api'));
    expect(anonymous.status).toBe(401);
  });

  it('answers 404 for an Application Argo CD does not have', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('orders-unknown'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(
      'Argo CD instance "sandbox" has no Application "orders-unknown"',
    );
  });

  it('answers 503 "unavailable" when Argo CD is down', async () => {
    const gone = await createArgoCdStandIn({
      port: 0,
      dataDir: path.join(dataDir, 'gone'),
      token: TOKEN,
    });
    const url = gone.url;
    await gone.stop();

    const server = await startBackend(url);
    const res = await request(server)
      .get(statusPath('orders-api'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toMatch(/^Argo CD is unavailable: /);
    expect(res.body.error.message).toContain('ECONNREFUSED');
    expect(res.text).not.toContain(TOKEN);
  });
});
