/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The module in a backend with the real parts it runs with in production:
 * PostgreSQL (database and scheduler services of backend-defaults, so the
 * task runs under the scheduler's lock), the notifications backend that
 * stores and serves the notifications, and the Argo CD stand-in over
 * loopback, driven to Degraded (its outcome label) and to a failed sync.
 * A team member reads their notifications through the notifications
 * backend's own route, as the bell does.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
// The module runs inside the argocd plugin: the test backend needs both.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import argocdPlugin from '@internal/plugin-argocd-backend';
import { ArgoCdStandIn, createArgoCdStandIn } from '@internal/argocd-stand-in';
import {
  eventually,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import argocdModuleNotifications from './index';

jest.setTimeout(300_000);

const TOKEN = 'standin-token-7f31c2';
const APP = 'orders';
const MEMBER = 'user:default/sora-choi';
const OUTSIDER = 'user:default/minji-park';
const PREFIX = `argocd_notify_${Date.now().toString(36)}_`;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      namespace: 'default',
      annotations: { 'argocd/app-name': APP },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-orders' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-orders' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-orders', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: MEMBER }],
  },
  ...[MEMBER, OUTSIDER].map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: {},
  })),
];

let pg: TestPostgres;
let standIn: ArgoCdStandIn;
let dataDir: string;
/** The stand-in's sync fails with this message while set. */
let syncError: string | undefined;

beforeAll(async () => {
  pg = await startPostgres();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-notify-it-'));
  standIn = await createArgoCdStandIn({
    port: 0,
    dataDir,
    token: TOKEN,
    syncDelayMs: 200,
    projects: ['team-orders'],
    onSync: async () => (syncError ? { error: syncError } : {}),
  });
});

afterAll(async () => {
  await standIn?.stop();
  await pg?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function argocd(method: string, pathname: string, body?: unknown) {
  const res = await fetch(`${standIn.url}${pathname}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status !== 200) {
    throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

/** Sets or clears the stand-in's Degraded outcome label, then syncs. */
async function resync(outcome: 'degraded' | 'healthy') {
  const app = await argocd('GET', `/api/v1/applications/${APP}`);
  const labels = { ...app.metadata.labels };
  if (outcome === 'degraded')
    labels['standin.launchpad.dev/outcome'] = 'degraded';
  else delete labels['standin.launchpad.dev/outcome'];
  await argocd('PUT', `/api/v1/applications/${APP}`, {
    metadata: { name: APP, labels },
    spec: app.spec,
  });
  await argocd('POST', `/api/v1/applications/${APP}/sync`, {});
}

async function health() {
  const app = await argocd('GET', `/api/v1/applications/${APP}`);
  return `${app.status?.health?.status}/${app.status?.operationState?.phase}`;
}

async function startBackend() {
  return startTestBackend({
    features: [
      argocdPlugin,
      argocdModuleNotifications,
      notificationsPlugin,
      databaseServiceFactory,
      schedulerServiceFactory,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            database: {
              client: 'pg',
              connection: {
                host: pg.host,
                port: pg.port,
                user: pg.user,
                password: pg.password,
              },
              prefix: PREFIX,
            },
          },
          argocd: {
            instances: [{ name: 'eks', url: standIn.url, token: TOKEN }],
            notifications: { intervalSeconds: 1 },
          },
        },
      }),
    ],
  });
}

async function titlesOf(server: any, user: string): Promise<string[]> {
  const res = await request(server)
    .get('/api/notifications/notifications?limit=50')
    .set('Authorization', mockCredentials.user.header(user));
  expect(res.status).toBe(200);
  return res.body.notifications.map((n: any) => n.payload.title).reverse();
}

const pause = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('Argo CD notifications with PostgreSQL, the notifications backend and the Argo CD stand-in', () => {
  it('tells the team member exactly once per transition, across a restart', async () => {
    await argocd('POST', '/api/v1/applications', {
      metadata: { name: APP },
      spec: {
        project: 'team-orders',
        source: {
          repoURL: 'https://github.com/acme/orders.git',
          path: 'deploy/overlays/eks',
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'orders',
        },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
    await eventually('Healthy', async () =>
      (await health()).startsWith('Healthy/') ? true : undefined,
    );

    let backend = await startBackend();
    /** The notifier's row in the argocd plugin's PostgreSQL database. */
    const stateRow = async () => {
      const db = new Client({
        host: pg.host,
        port: pg.port,
        user: pg.user,
        password: pg.password,
        database: `${PREFIX}argocd`,
      });
      await db.connect();
      try {
        const { rows } = await db.query(
          'select health, degraded from argocd_notification_state where entity_ref = $1',
          ['component:default/orders'],
        );
        return rows[0];
      } finally {
        await db.end();
      }
    };
    try {
      // The first pass records Healthy, and tells nobody.
      await eventually('the state of a healthy Application', async () =>
        (await stateRow().catch(() => undefined))?.health === 'Healthy'
          ? true
          : undefined,
      );
      expect(await titlesOf(backend.server, MEMBER)).toEqual([]);

      // Degraded: one notification, however many passes follow.
      await resync('degraded');
      await eventually('the Degraded notification', async () =>
        (await titlesOf(backend.server, MEMBER)).length > 0 ? true : undefined,
      );
      await pause(4000); // four more passes
      expect(await titlesOf(backend.server, MEMBER)).toEqual([
        'orders: Degraded 상태입니다 (Degraded)',
      ]);
      expect(await stateRow()).toEqual({ health: 'Degraded', degraded: true });

      // A restart: the state comes back from PostgreSQL, nothing is resent.
      await backend.stop();
      backend = await startBackend();
      await pause(5000); // the first passes of the new backend
      expect(await titlesOf(backend.server, MEMBER)).toEqual([
        'orders: Degraded 상태입니다 (Degraded)',
      ]);

      // Healthy again: one "recovered"; then a failed sync: one more.
      await resync('healthy');
      await eventually('the recovery notification', async () =>
        (await titlesOf(backend.server, MEMBER)).length === 2
          ? true
          : undefined,
      );
      syncError = 'one or more objects failed to apply';
      await argocd('POST', `/api/v1/applications/${APP}/sync`, {});
      await eventually('the failed sync notification', async () =>
        (await titlesOf(backend.server, MEMBER)).length === 3
          ? true
          : undefined,
      );
      await pause(3000);
      const titles = await titlesOf(backend.server, MEMBER);
      expect(titles).toEqual([
        'orders: Degraded 상태입니다 (Degraded)',
        'orders: 다시 Healthy입니다 (recovered)',
        'orders: Argo CD 동기화 실패 (sync failed)',
      ]);
      const res = await request(backend.server)
        .get('/api/notifications/notifications?limit=50')
        .set('Authorization', mockCredentials.user.header(MEMBER));
      expect(res.body.notifications[0].payload).toMatchObject({
        link: '/catalog/default/component/orders',
        severity: 'high',
        topic: 'argocd',
      });
      expect(res.body.notifications[0].payload.description).toContain(
        'one or more objects failed to apply',
      );

      // Nobody outside the owning team hears of it.
      expect(await titlesOf(backend.server, OUTSIDER)).toEqual([]);
    } finally {
      syncError = undefined;
      await backend.stop();
    }
  });
});
