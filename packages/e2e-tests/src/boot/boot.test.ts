/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import {
  BackendProcess,
  freePort,
  startBackend,
  eventually,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';

// Boots the real backend process (the same entry point `yarn start` runs) on
// SQLite and on PostgreSQL, and checks what an operator relies on.
jest.setTimeout(180_000);

const token = randomBytes(24).toString('hex');

async function catalogNames(backend: BackendProcess, auth?: string) {
  const res = await fetch(`${backend.baseUrl}/api/catalog/entities`, {
    headers: auth ? { authorization: `Bearer ${auth}` } : {},
  });
  return {
    status: res.status,
    names: res.ok
      ? (
          (await res.json()) as Array<{
            kind: string;
            metadata: { name: string };
          }>
        ).map(e => `${e.kind}:${e.metadata.name}`)
      : [],
  };
}

async function waitForCatalog(backend: BackendProcess, expected: string[]) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { names } = await catalogNames(backend, token);
    if (expected.every(e => names.includes(e))) return names;
    if (Date.now() > deadline) {
      throw new Error(
        `Catalog never held ${expected.join(', ')}; had ${names.join(', ')}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

const expectedEntities = [
  'Component:launchpad-portal',
  'Domain:engineering-productivity',
  'System:developer-platform',
  'Group:platform',
  'User:guest',
  'API:payment-api',
  'Resource:payments-db',
];

describe.each([
  ['SQLite', false],
  ['PostgreSQL', true],
])('backend on %s', (_name, usePostgres) => {
  let pg: TestPostgres | undefined;
  let backend: BackendProcess;
  let dataDir: string;
  let readyAfterMs = Infinity;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-boot-'));
    const env: Record<string, string> = {
      PORTAL_API_TOKEN: token,
      APP_CONFIG_techdocs_publisher_local_publishDirectory: path.join(
        dataDir,
        'techdocs',
      ),
    };
    if (usePostgres) {
      pg = await startPostgres();
      env.APP_CONFIG_backend_database = JSON.stringify({
        client: 'pg',
        connection: {
          host: pg.host,
          port: pg.port,
          user: pg.user,
          password: pg.password,
        },
        prefix: `boot_${randomBytes(4).toString('hex')}_`,
      });
    } else {
      env.APP_CONFIG_backend_database_connection_directory = path.join(
        dataDir,
        'sqlite',
      );
    }
    const t0 = Date.now();
    backend = await startBackend({ env, readyTimeoutMs: 90_000 });
    readyAfterMs = Date.now() - t0;
  });

  afterAll(async () => {
    await backend?.stop('SIGKILL');
    await pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('becomes ready within 60 seconds', () => {
    expect(readyAfterMs).toBeLessThan(60_000);
  });

  it('refuses unauthenticated and wrongly authenticated catalog reads', async () => {
    expect((await catalogNames(backend)).status).toBe(401);
    expect((await catalogNames(backend, `${token}x`)).status).toBe(401);
  });

  it('serves the portal and the example entities to PORTAL_API_TOKEN', async () => {
    const names = await waitForCatalog(backend, expectedEntities);
    expect(names).toEqual(expect.arrayContaining(expectedEntities));
  });

  it('logged no error-level line', () => {
    expect(backend.errorLines()).toEqual([]);
  });

  it('exits with code 0 within 10 seconds of SIGTERM', async () => {
    const t0 = Date.now();
    const result = await backend.stop('SIGTERM', 15_000);
    expect(result).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(backend.errorLines()).toEqual([]);
  });
});

describe('a database that answers late', () => {
  it('holds readiness at 503 with one line, then starts when PostgreSQL answers', async () => {
    const pg = await startPostgres();
    // The database's address, answered only once the proxy opens.
    const port = await freePort();
    const proxy = net.createServer(client => {
      const upstream = net.connect(pg.port, pg.host);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    const backend = await startBackend({
      env: {
        APP_CONFIG_backend_database: JSON.stringify({
          client: 'pg',
          connection: {
            host: '127.0.0.1',
            port,
            user: pg.user,
            password: pg.password,
          },
          prefix: `late_${randomBytes(4).toString('hex')}_`,
        }),
      },
      waitForReady: false,
    });
    try {
      const readiness = await eventually('the not-ready answer', async () => {
        const res = await fetch(
          `${backend.baseUrl}/.backstage/health/v1/readiness`,
        );
        return { status: res.status, body: await res.json() };
      });
      expect(readiness.status).toBe(503);
      expect(readiness.body.message).toContain(
        `cannot connect to PostgreSQL at 127.0.0.1:${port}`,
      );
      // Readiness names the reason for kubectl; an API path names nothing of
      // the database (host, port, user or error): the log line has that.
      const api = await fetch(`${backend.baseUrl}/api/catalog/entities`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('5');
      const apiText = await api.text();
      expect(JSON.parse(apiText).error.message).toMatch(/not ready yet/);
      for (const detail of [
        '127.0.0.1',
        String(port),
        pg.user,
        'PostgreSQL',
        'ECONNREFUSED',
        'connect',
      ]) {
        expect(apiText).not.toContain(detail);
      }
      const waiting = backend
        .logs()
        .filter(l => l.includes('Waiting for the database'));
      expect(waiting).toHaveLength(1);
      expect(backend.logs().join('\n')).not.toContain(pg.password);

      await new Promise<void>(resolve =>
        proxy.listen(port, '127.0.0.1', resolve),
      );
      await backend.waitForReady(90_000);
      expect(
        backend.logs().filter(l => l.includes('The database answers after')),
      ).toHaveLength(1);
      expect(backend.errorLines()).toEqual([]);
      expect(
        backend.logs().filter(l => l.includes('Waiting for the database')),
      ).toHaveLength(1);
    } finally {
      await backend.stop('SIGTERM', 20_000);
      proxy.close();
      await pg.stop();
    }
  });
});

describe('production configuration errors', () => {
  const base = {
    APP_BASE_URL: 'https://portal.example.com',
    POSTGRES_HOST: '127.0.0.1',
    POSTGRES_USER: 'portal',
    POSTGRES_PASSWORD: 'secret-password',
    AUTH_GITHUB_CLIENT_ID: 'id',
    AUTH_GITHUB_CLIENT_SECRET: 'secret',
    TECHDOCS_S3_BUCKET: 'docs',
    AWS_REGION: 'ap-northeast-2',
    GITHUB_ORG: 'launchpad-demo',
    EKS_CLUSTER_NAME: 'launchpad',
    EKS_CLUSTER_URL: 'https://ABCDEF.gr7.ap-northeast-2.eks.amazonaws.com',
    EKS_CLUSTER_CA_DATA: 'LS0tLS1CRUdJTi1DRVJUSUZJQ0FURS0tLS0t',
    ARGOCD_URL: 'https://argocd.example.com',
    ARGOCD_TOKEN: 'argocd-token',
  };
  const args = [
    '--config',
    '../../app-config.yaml',
    '--config',
    '../../app-config.production.yaml',
  ];

  it.each([
    [
      'a missing POSTGRES_HOST',
      { POSTGRES_HOST: undefined },
      /POSTGRES_HOST is not set/,
    ],
    [
      'a malformed APP_BASE_URL',
      { APP_BASE_URL: 'portal.example.com' },
      /APP_BASE_URL must make app\.baseUrl an http\(s\) URL/,
    ],
  ])(
    'holds readiness at 503 on %s, with one line naming the variable',
    async (_what, override, message) => {
      const backend = await startBackend({
        args,
        env: { ...base, ...override, NODE_ENV: 'production' },
        waitForReady: false,
      });
      try {
        const health = `${backend.baseUrl}/.backstage/health/v1`;
        const readiness = await eventually('the not-ready answer', async () => {
          const res = await fetch(`${health}/readiness`);
          return { status: res.status, body: await res.json() };
        });
        expect(readiness.status).toBe(503);
        expect(readiness.body.message).toMatch(message);
        // Alive, so Kubernetes keeps the pod (no crash loop) but sends it no traffic.
        expect((await fetch(`${health}/liveness`)).status).toBe(200);
        const api = await fetch(`${backend.baseUrl}/api/catalog/entities`);
        expect(api.status).toBe(503);
        const apiText = await api.text();
        for (const detail of [
          'POSTGRES',
          'APP_BASE_URL',
          '127.0.0.1',
          'secret-password',
        ]) {
          expect(apiText).not.toContain(detail);
        }
        expect(backend.logs()).toHaveLength(1);
        expect(backend.logs()[0]).toMatch(message);
        // Production: the line is one JSON object, like the backend's own lines.
        expect(JSON.parse(backend.logs()[0])).toMatchObject({
          level: 'error',
          plugin: 'backend',
          timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        });
        expect(backend.logs()[0]).not.toContain('secret-password');
        expect(backend.child.exitCode).toBeNull();
      } finally {
        expect(await backend.stop('SIGTERM', 15_000)).toEqual({
          code: 0,
          signal: null,
        });
      }
    },
  );
});
