/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import yaml from 'js-yaml';
import { BackendProcess, repoRoot, startBackend } from '@internal/test-support';

// What a Kubernetes rollout relies on when it stops a pod: on SIGTERM the
// readiness endpoint answers 503 at once, the backend keeps serving for
// backend.lifecycle.serverShutdownDelay (the value app-config.production.yaml
// ships), a request already in flight is answered in full even when it
// outlasts that delay, and the process then exits with code 0.
//
// The backend runs with NODE_ENV=production, as in the container image: in
// development Backstage closes all connections at shutdown instead of
// waiting for them. The slow request goes through the proxy plugin to an
// upstream in this test that holds its answer for a while.
jest.setTimeout(120_000);

const token = randomBytes(24).toString('hex');
const UPSTREAM_HOLD_MS = 8_000;

function productionShutdownDelayMs(): number {
  const doc = yaml.load(
    fs.readFileSync(path.join(repoRoot, 'app-config.production.yaml'), 'utf8'),
  ) as any;
  const delay = doc?.backend?.lifecycle?.serverShutdownDelay;
  if (!delay || typeof delay !== 'object') {
    throw new Error(
      'app-config.production.yaml sets no backend.lifecycle.serverShutdownDelay object',
    );
  }
  return (
    (delay.milliseconds ?? 0) +
    (delay.seconds ?? 0) * 1000 +
    (delay.minutes ?? 0) * 60_000
  );
}

describe('graceful shutdown on SIGTERM', () => {
  let dataDir: string;
  let upstream: http.Server;
  let upstreamUrl: string;
  let backend: BackendProcess;
  const upstreamHits: string[] = [];
  const delayMs = productionShutdownDelayMs();

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-shutdown-'));
    upstream = http.createServer((req, res) => {
      upstreamHits.push(req.url ?? '');
      const hold = req.url?.startsWith('/slow') ? UPSTREAM_HOLD_MS : 0;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(req.url?.startsWith('/slow') ? 'slow answer complete' : 'fast');
      }, hold);
    });
    await new Promise<void>(r => upstream.listen(0, '127.0.0.1', () => r()));
    upstreamUrl = `http://127.0.0.1:${
      (upstream.address() as AddressInfo).port
    }`;

    backend = await startBackend({
      readyTimeoutMs: 90_000,
      env: {
        NODE_ENV: 'production',
        // A static token scoped to the proxy, which this test calls (the
        // configured PORTAL_API_TOKEN only reads the catalog and search).
        APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
          {
            type: 'optional-static',
            options: { token, subject: 'shutdown-test' },
            accessRestrictions: [{ plugin: 'proxy' }],
          },
        ]),
        APP_CONFIG_backend_database_connection_directory: path.join(
          dataDir,
          'sqlite',
        ),
        APP_CONFIG_techdocs_publisher_local_publishDirectory: path.join(
          dataDir,
          'techdocs',
        ),
        APP_CONFIG_backend_lifecycle_serverShutdownDelay: JSON.stringify({
          milliseconds: delayMs,
        }),
        APP_CONFIG_proxy_endpoints: JSON.stringify({
          '/upstream': { target: upstreamUrl },
        }),
      },
    });
  });

  afterAll(async () => {
    await backend?.stop('SIGKILL');
    await new Promise(r => upstream?.close(r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ships a shutdown delay that fits the pod grace period', () => {
    // deploy/base: preStop sleeps 15 s, terminationGracePeriodSeconds is 60.
    expect(delayMs).toBeGreaterThanOrEqual(2_000);
    expect(delayMs).toBeLessThanOrEqual(20_000);
    // The slow request below must outlast the delay to prove the server
    // waits for it rather than the delay covering it.
    expect(UPSTREAM_HOLD_MS).toBeGreaterThan(delayMs + 1_000);
  });

  it('turns not-ready, keeps serving, finishes the in-flight request and exits 0', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const get = (p: string) =>
      fetch(`${backend.baseUrl}${p}`, { headers: auth });

    expect((await get('/.backstage/health/v1/readiness')).status).toBe(200);
    expect((await get('/api/proxy/upstream/fast')).status).toBe(200);

    // A request that is in flight when SIGTERM arrives.
    const slowStarted = Date.now();
    const slow = get('/api/proxy/upstream/slow').then(async res => ({
      status: res.status,
      body: await res.text(),
      at: Date.now(),
    }));
    const deadline = Date.now() + 10_000;
    while (!upstreamHits.includes('/slow')) {
      if (Date.now() > deadline)
        throw new Error('the slow request never reached the upstream');
      await new Promise(r => setTimeout(r, 50));
    }

    const exited = backend.exited.then(result => ({
      ...result,
      at: Date.now(),
    }));
    const sigtermAt = Date.now();
    backend.child.kill('SIGTERM');

    // Readiness answers 503 within a second, liveness stays 200 and the API
    // still answers while the delay lasts.
    let notReadyAt: number | undefined;
    let readyBody = '';
    while (Date.now() - sigtermAt < 1_500) {
      const res = await get('/.backstage/health/v1/readiness');
      if (res.status === 503) {
        notReadyAt = Date.now();
        readyBody = await res.text();
        break;
      }
      await new Promise(r => setTimeout(r, 50));
    }
    expect(notReadyAt).toBeDefined();
    expect(readyBody).toMatch(/shutting down/i);
    expect((await get('/.backstage/health/v1/liveness')).status).toBe(200);
    const during = await get('/api/proxy/upstream/fast');
    expect(during.status).toBe(200);
    expect(await during.text()).toBe('fast');
    expect(Date.now() - sigtermAt).toBeLessThan(delayMs);

    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: 'slow answer complete' });
    // It really outlasted the delay: the server waited for it.
    expect(answer.at - sigtermAt).toBeGreaterThan(delayMs);
    expect(answer.at - slowStarted).toBeGreaterThanOrEqual(
      UPSTREAM_HOLD_MS - 100,
    );

    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error('backend still running 30 s after SIGTERM')),
          30_000,
        ),
      ),
    ]);
    expect({ code: result.code, signal: result.signal }).toEqual({
      code: 0,
      signal: null,
    });
    // Not before the in-flight answer was sent.
    expect(result.at).toBeGreaterThanOrEqual(answer.at);
    expect(backend.errorLines()).toEqual([]);
  });
});
