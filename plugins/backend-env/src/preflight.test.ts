/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import {
  checkConfigEnvironment,
  configFilesFromArgv,
  preflight,
  printPreflightLine,
} from './preflight';
import { NOT_READY_MESSAGE, parseListen } from './notReadyServer';
import { probeDatabase } from './database';
import { eventually, freePort } from '@internal/test-support';

const repoRoot = path.resolve(__dirname, '../../..');
const files = [
  path.join(repoRoot, 'app-config.yaml'),
  path.join(repoRoot, 'app-config.production.yaml'),
];

const productionEnv = {
  APP_BASE_URL: 'https://portal.example.com',
  POSTGRES_HOST: 'db.example.internal',
  POSTGRES_USER: 'portal',
  POSTGRES_PASSWORD: 'pw',
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

describe('checkConfigEnvironment on the real config files', () => {
  it('accepts a complete production environment', () => {
    expect(checkConfigEnvironment({ files, env: productionEnv })).toEqual([]);
  });

  it('names a missing POSTGRES_HOST and where it is needed', () => {
    const { POSTGRES_HOST: _, ...env } = productionEnv;
    const problems = checkConfigEnvironment({ files, env });
    expect(problems.map(p => p.message)).toEqual([
      'POSTGRES_HOST is not set (needed for backend.database.connection.host in app-config.production.yaml)',
    ]);
  });

  it('rejects a malformed base URL', () => {
    const problems = checkConfigEnvironment({
      files,
      env: { ...productionEnv, APP_BASE_URL: 'portal.example.com' },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].variable).toBe('APP_BASE_URL');
    expect(problems[0].message).toMatch(
      /must make app\.baseUrl an http\(s\) URL/,
    );
  });

  it('treats ${X:-} references as optional and ignores development files', () => {
    // GITHUB_TOKEN and PORTAL_API_TOKEN are unset here, yet nothing is reported.
    expect(checkConfigEnvironment({ files, env: productionEnv })).toEqual([]);
    expect(checkConfigEnvironment({ files: [files[0]], env: {} })).toEqual([]);
  });
});

describe('configFilesFromArgv', () => {
  it('reads both --config forms and skips remote URLs', () => {
    expect(
      configFilesFromArgv(
        [
          '--config',
          'a.yaml',
          '--config=b.yaml',
          '--config',
          'https://x/c.yaml',
          '--other',
        ],
        '/srv',
      ),
    ).toEqual(['/srv/a.yaml', '/srv/b.yaml']);
  });
});

describe('preflight', () => {
  // Each case holds a real port with the not-ready server.
  const get = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
  };

  function productionFile(dir: string) {
    const file = path.join(dir, 'app-config.production.yaml');
    fs.writeFileSync(
      file,
      'backend:\n  baseUrl: ${BASE}\n  database:\n    connection:\n      host: ${DB_HOST}\n',
    );
    return file;
  }

  it('holds readiness at 503 with one line when a variable is missing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
    const file = productionFile(dir);
    const port = await freePort();
    const lines: string[] = [];
    const exit = jest.fn();
    let started = false;
    void preflight({
      argv: ['--config', file],
      env: { BASE: 'not a url' },
      cwd: dir,
      print: line => lines.push(line),
      loadSettings: async () => ({ listen: { port }, database: {} }),
      probe: async () => undefined,
      exit,
    }).then(() => {
      started = true;
    });
    const base = `http://localhost:${port}/.backstage/health/v1`;
    const readiness = await eventually(
      'the readiness route',
      () => get(`${base}/readiness`),
      10_000,
      50,
    );
    expect(readiness.status).toBe(503);
    expect(readiness.body.message).toContain('DB_HOST is not set');
    expect((await get(`${base}/liveness`)).status).toBe(200);
    expect(
      (await get(`http://localhost:${port}/api/catalog/entities`)).status,
    ).toBe(503);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('BASE must make backend.baseUrl an http(s) URL');
    expect(lines[0]).toContain('DB_HOST is not set');
    expect(lines[0]).toContain('Readiness stays 503');
    expect(lines[0]).not.toContain('\n');
    expect(started).toBe(false);

    // SIGTERM frees the port and exits 0.
    process.emit('SIGTERM', 'SIGTERM');
    await eventually(
      'the exit',
      async () => (exit.mock.calls.length ? true : undefined),
      10_000,
      50,
    );
    expect(exit).toHaveBeenCalledWith(0);
    await expect(fetch(`${base}/liveness`)).rejects.toThrow();
  });

  it('waits for the database, then lets the backend start on a free port', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const reasons = [
      'cannot connect to PostgreSQL at db:5432 (connect ECONNREFUSED)',
      'cannot connect to PostgreSQL at db:5432 (connect ECONNREFUSED)',
      'cannot connect to PostgreSQL at db:5432 (password authentication failed for user "portal")',
      undefined,
    ];
    const probe = jest.fn(async () => reasons.shift());
    let started = false;
    const gate = preflight({
      argv: [],
      env: {},
      print: line => lines.push(line),
      loadSettings: async () => ({
        listen: `:${port}`,
        database: { client: 'pg', connection: { host: 'db' } },
      }),
      probe,
      retryIntervalMs: 50,
    }).then(() => {
      started = true;
    });
    const readiness = await eventually(
      'the readiness route',
      () => get(`http://localhost:${port}/.backstage/health/v1/readiness`),
      10_000,
      50,
    );
    expect(readiness.status).toBe(503);
    expect(readiness.body.message).toMatch(
      /cannot connect to PostgreSQL at db:5432/,
    );
    // Any other path: a plain 503 that names no host, user or database error.
    const api = await fetch(
      `http://localhost:${port}/api/catalog/entities?filter=kind=user`,
    );
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('5');
    const text = await api.text();
    expect(JSON.parse(text)).toEqual({
      error: { name: 'ServiceUnavailableError', message: NOT_READY_MESSAGE },
      request: { method: 'GET', url: '/api/catalog/entities?filter=kind=user' },
      response: { statusCode: 503 },
    });
    expect(text).not.toMatch(
      /db:5432|PostgreSQL|ECONNREFUSED|password|user "portal"/,
    );
    await gate;
    expect(started).toBe(true);
    expect(probe).toHaveBeenCalledTimes(4);
    // One line per distinct reason, and one when it goes on.
    expect(lines).toEqual([
      expect.stringMatching(
        /^Waiting for the database: cannot connect .*ECONNREFUSED\)\. Readiness stays 503; retrying every 0 s\.$/,
      ),
      expect.stringMatching(
        /^Still waiting for the database: .*password authentication failed/,
      ),
      expect.stringMatching(
        /^The database answers after \d+ s; starting the backend\.$/,
      ),
    ]);
    // The port is free again for the backend.
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    server.close();
  });

  it('starts at once when everything is set and the database answers', async () => {
    const lines: string[] = [];
    await preflight({
      argv: ['--config', files[0], '--config', files[1]],
      env: productionEnv,
      cwd: repoRoot,
      print: line => lines.push(line),
      loadSettings: async () => ({ listen: ':0', database: { client: 'pg' } }),
      probe: async () => undefined,
    });
    expect(lines).toEqual([]);
  });
});

describe('printPreflightLine', () => {
  it('writes one JSON object with timestamp, level and plugin in production, plain text otherwise', () => {
    const written: string[] = [];
    const spy = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(chunk => written.push(String(chunk)) > 0);
    try {
      printPreflightLine('Waiting for the database: x.', 'warn', {
        NODE_ENV: 'production',
      });
      printPreflightLine('Waiting for the database: x.', 'warn', {
        NODE_ENV: 'development',
      });
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(written[0])).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'warn',
      plugin: 'backend',
      service: 'preflight',
      message: 'Waiting for the database: x.',
    });
    expect(written[0].endsWith('}\n')).toBe(true);
    expect(written[1]).toBe('Waiting for the database: x.\n');
  });
});

describe('parseListen', () => {
  it.each([
    [':7007', { host: undefined, port: 7007 }],
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    [{ port: '9000' }, { host: undefined, port: 9000 }],
    [
      { host: '0.0.0.0', port: 1 },
      { host: '0.0.0.0', port: 1 },
    ],
    [undefined, { port: 7007 }],
  ])('reads %j', (value, expected) => {
    expect(parseListen(value)).toEqual(expected);
  });
});

describe('probeDatabase', () => {
  it('names the server and the error, never the password', async () => {
    const port = await freePort();
    const reason = await probeDatabase({
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port,
        user: 'portal',
        password: 'hunter2-secret',
      },
    });
    expect(reason).toMatch(
      new RegExp(
        `^cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`,
      ),
    );
    expect(reason).not.toContain('hunter2-secret');
  });

  it('has nothing to wait for with SQLite', async () => {
    expect(await probeDatabase({ client: 'better-sqlite3' })).toBeUndefined();
  });
});
