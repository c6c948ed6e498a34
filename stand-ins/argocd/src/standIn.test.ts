/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  api,
  application,
  cleanUp,
  expectConforms,
  forget,
  start,
  tempDir,
  TOKEN,
  waitFor,
} from './__testUtils__/standIn';
import { DEGRADED_OUTCOME_LABEL } from './standIn';

// The stand-in over HTTP: auth, the sync lifecycle as a client sees it, a
// restart. The Application routes' answers are in routes/applications.test.ts.
afterEach(cleanUp);

describe('Argo CD stand-in', () => {
  it('requires the bearer token, answering like Argo CD', async () => {
    const standIn = await start();
    const missing = await api(standIn, null)('GET', '/api/v1/applications');
    expect(missing).toEqual({
      status: 401,
      body: {
        error: 'no session information',
        code: 16,
        message: 'no session information',
      },
    });
    expectConforms('runtimeError', missing.body);
    const wrong = await api(standIn, 'not-the-token')(
      'GET',
      '/api/v1/projects/default',
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe(16);
    expect(JSON.stringify(wrong.body)).not.toContain(TOKEN);
  });

  it('moves an automated Application to Synced and Healthy after the sync delay', async () => {
    const standIn = await start({ syncDelayMs: 100 });
    const call = api(standIn);
    await call('POST', '/api/v1/applications', application());
    const app = await waitFor(
      () => call('GET', '/api/v1/applications/shop-api'),
      r => r.body.status.sync.status === 'Synced',
    );
    expectConforms('v1alpha1Application', app.body);
    expect(app.body.status).toMatchObject({
      sync: {
        status: 'Synced',
        revision: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
      health: { status: 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        finishedAt: expect.any(String),
      },
      reconciledAt: expect.any(String),
    });
    // The successful sync is in the revision history, as Argo CD records it.
    expect(app.body.status.history).toEqual([
      {
        id: 0,
        revision: app.body.status.sync.revision,
        deployStartedAt: app.body.status.operationState.startedAt,
        deployedAt: app.body.status.operationState.finishedAt,
        source: app.body.spec.source,
        initiatedBy: { automated: true },
      },
    ]);
  });

  it('reports Degraded when the Application carries the outcome label', async () => {
    const standIn = await start();
    const call = api(standIn);
    await call(
      'POST',
      '/api/v1/applications',
      application('broken', {
        labels: { [DEGRADED_OUTCOME_LABEL]: 'degraded' },
      }),
    );
    const app = await waitFor(
      () => call('GET', '/api/v1/applications/broken'),
      r => r.body.status.operationState.phase !== 'Running',
    );
    expectConforms('v1alpha1Application', app.body);
    expect(app.body.status.health).toMatchObject({
      status: 'Degraded',
      message: 'Deployment "broken" exceeded its progress deadline',
    });
  });

  it('asks onSync and fails the sync with its error, or records its revision', async () => {
    const onSync = jest.fn(async (app: any) =>
      app.metadata.name === 'bad'
        ? { error: 'namespaces "shop" is forbidden' }
        : { revision: 'c0ffee0000000000000000000000000000000000' },
    );
    const standIn = await start({ onSync });
    const call = api(standIn);
    await call('POST', '/api/v1/applications', application('good'));
    await call('POST', '/api/v1/applications', application('bad'));
    const good = await waitFor(
      () => call('GET', '/api/v1/applications/good'),
      r => r.body.status.operationState.phase !== 'Running',
    );
    const bad = await waitFor(
      () => call('GET', '/api/v1/applications/bad'),
      r => r.body.status.operationState.phase !== 'Running',
    );
    expect(good.body.status.sync.revision).toBe(
      'c0ffee0000000000000000000000000000000000',
    );
    expect(bad.body.status).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Degraded', message: 'namespaces "shop" is forbidden' },
      operationState: {
        phase: 'Failed',
        message: 'namespaces "shop" is forbidden',
      },
    });
    expectConforms('v1alpha1Application', bad.body);
    expect(onSync).toHaveBeenCalledWith(
      expect.objectContaining({ spec: application('good').spec }),
      // The sync context: the Application's project and resolved cluster.
      expect.objectContaining({
        project: expect.objectContaining({ metadata: { name: 'shop' } }),
        cluster: {
          name: 'in-cluster',
          server: 'https://kubernetes.default.svc',
        },
      }),
    );
  });

  it('records each successful sync in status.history, not a failed one', async () => {
    let revision = 'a'.repeat(40);
    const onSync = jest.fn(async (app: any) =>
      app.metadata.name === 'bad'
        ? { error: 'namespaces "shop" is forbidden' }
        : { revision },
    );
    const standIn = await start({ onSync, syncDelayMs: 50 });
    const call = api(standIn);
    await call('POST', '/api/v1/applications', application('good'));
    await call('POST', '/api/v1/applications', application('bad'));
    await waitFor(
      () => call('GET', '/api/v1/applications/good'),
      r => r.body.status.history?.length === 1,
    );
    // A second push, then the sync Argo CD starts for it (webhook or poll).
    revision = 'b'.repeat(40);
    await call('POST', '/api/v1/applications/good/sync', { name: 'good' });
    const good = await waitFor(
      () => call('GET', '/api/v1/applications/good'),
      r => r.body.status.history?.length === 2,
    );
    expectConforms('v1alpha1Application', good.body);
    const history = good.body.status.history;
    expect(history.map((h: any) => [h.id, h.revision, h.initiatedBy])).toEqual([
      [0, 'a'.repeat(40), { automated: true }],
      [1, 'b'.repeat(40), { username: 'stand-in' }],
    ]);
    for (const h of history) {
      expect(Date.parse(h.deployedAt)).toBeGreaterThanOrEqual(
        Date.parse(h.deployStartedAt),
      );
      expect(h.source.repoURL).toBe('https://github.com/acme/shop-api.git');
    }
    const bad = await waitFor(
      () => call('GET', '/api/v1/applications/bad'),
      r => r.body.status.operationState.phase !== 'Running',
    );
    expect(bad.body.status.history).toBeUndefined();
  });

  it('leaves a manual-sync Application OutOfSync until a sync is requested', async () => {
    const standIn = await start();
    const call = api(standIn);
    await call(
      'POST',
      '/api/v1/applications',
      application('manual', { automated: false }),
    );
    await new Promise(r => setTimeout(r, 150));
    const before = await call('GET', '/api/v1/applications/manual');
    expect(before.body.status.sync.status).toBe('OutOfSync');
    expect(before.body.status.health.status).toBe('Missing');
    await call('POST', '/api/v1/applications/manual/sync', { name: 'manual' });
    const after = await waitFor(
      () => call('GET', '/api/v1/applications/manual'),
      r => r.body.status.sync.status === 'Synced',
    );
    expect(after.body.status.health.status).toBe('Healthy');
  });

  it('keeps Applications across a restart and resumes a running sync', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir, syncDelayMs: 60_000 });
    await api(first)('POST', '/api/v1/applications', application());
    await first.stop();
    forget(first);

    const second = await start({ dataDir, syncDelayMs: 50 });
    const app = await waitFor(
      () => api(second)('GET', '/api/v1/applications/shop-api'),
      r => r.status === 200 && r.body.status.sync.status === 'Synced',
    );
    expect(app.body.spec).toEqual(application().spec);
    expect(fs.readdirSync(path.join(dataDir, 'applications'))).toEqual([
      'shop-api.json',
    ]);
  });
});
