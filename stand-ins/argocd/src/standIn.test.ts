/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArgoCdContract } from './contract';
import {
  ArgoCdStandIn,
  ArgoCdStandInOptions,
  DEGRADED_OUTCOME_LABEL,
  createArgoCdStandIn,
} from './standIn';

const TOKEN = 'stand-in-test-token';
const contract = ArgoCdContract.load();

const started: ArgoCdStandIn[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map(s => s.stop()));
  for (const dir of dirs.splice(0))
    fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-stand-in-'));
  dirs.push(dir);
  return dir;
}

async function start(options: ArgoCdStandInOptions = {}) {
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

function api(standIn: ArgoCdStandIn, token: string | null = TOKEN) {
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

function application(
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

function expectConforms(definition: string, value: unknown) {
  const result =
    definition === 'v1alpha1Application'
      ? contract.validateApplication(value)
      : contract.validateDefinition(definition, value);
  expect({ definition, result }).toEqual({
    definition,
    result: { valid: true },
  });
}

async function waitFor<T>(
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

  it('creates, reads and lists Applications in Argo CD’s shape', async () => {
    const standIn = await start();
    const call = api(standIn);
    const created = await call(
      'POST',
      '/api/v1/applications?upsert=false&validate=true',
      application(),
    );
    expect(created.status).toBe(200);
    expectConforms('v1alpha1Application', created.body);
    expect(created.body.metadata).toMatchObject({
      name: 'shop-api',
      namespace: 'argocd',
      resourceVersion: '1',
      uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      creationTimestamp: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      ),
    });
    expect(created.body.status).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Progressing' },
      operationState: { phase: 'Running' },
    });

    const read = await call('GET', '/api/v1/applications/shop-api');
    expectConforms('v1alpha1Application', read.body);
    expect(read.body.spec).toEqual(application().spec);

    const list = await call('GET', '/api/v1/applications');
    expectConforms('v1alpha1ApplicationList', list.body);
    expect(list.body.items.map((a: any) => a.metadata.name)).toEqual([
      'shop-api',
    ]);

    // Argo CD's RBAC on get: a missing Application is "not found" only when
    // the query names the project, "permission denied" without it; an
    // Application of another project than the query names is "not found".
    const missing = await call(
      'GET',
      '/api/v1/applications/nope?projects=shop',
    );
    expect(missing).toEqual({
      status: 404,
      body: {
        error: 'applications.argoproj.io "nope" not found',
        code: 5,
        message: 'applications.argoproj.io "nope" not found',
      },
    });
    const denied = {
      status: 403,
      body: {
        error: 'permission denied',
        code: 7,
        message: 'permission denied',
      },
    };
    expect(await call('GET', '/api/v1/applications/nope')).toEqual(denied);
    expect(
      await call('GET', '/api/v1/applications/shop-api?projects=other'),
    ).toEqual({
      status: 404,
      body: {
        error: 'applications.argoproj.io "shop-api" not found',
        code: 5,
        message: 'applications.argoproj.io "shop-api" not found',
      },
    });
    expect(
      (await call('GET', '/api/v1/applications/shop-api?projects=shop')).status,
    ).toBe(200);
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

  it('validates request bodies against the contract and answers 400 like Argo CD', async () => {
    const standIn = await start();
    const call = api(standIn);
    const body = application();
    (body.spec as any).syncPolicy.automated.selfheal = true;
    const invalid = await call('POST', '/api/v1/applications', body);
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe(3);
    expect(invalid.body.message).toContain('unknown field "selfheal"');
    expectConforms('runtimeError', invalid.body);

    const { destination: _d, ...noDestination } = application().spec;
    const missing = await call('POST', '/api/v1/applications', {
      metadata: { name: 'x' },
      spec: noDestination,
    });
    expect(missing.body.message).toContain(
      "must have required property 'destination'",
    );

    const badName = await call(
      'POST',
      '/api/v1/applications',
      application('Shop_API'),
    );
    expect(badName.status).toBe(400);
    expect(badName.body.message).toContain('RFC 1123');
  });

  it('refuses unknown projects and clusters', async () => {
    const standIn = await start({ projects: ['shop', 'team-shop'] });
    const call = api(standIn);
    const project = await call(
      'POST',
      '/api/v1/applications',
      application('a', { project: 'nope' }),
    );
    expect(project.body).toMatchObject({
      code: 3,
      message: 'application references project nope which does not exist',
    });
    const cluster = await call(
      'POST',
      '/api/v1/applications',
      application('b', { destination: { name: 'eks-prod', namespace: 'x' } }),
    );
    expect(cluster.body.message).toContain(
      'there are no clusters with this name: eks-prod',
    );
    const ok = await call(
      'POST',
      '/api/v1/applications',
      application('c', { project: 'team-shop' }),
    );
    expect(ok.status).toBe(200);

    const known = await call('GET', '/api/v1/projects/team-shop');
    expectConforms('v1alpha1AppProject', known.body);
    const unknown = await call('GET', '/api/v1/projects/nope');
    expect(unknown).toMatchObject({ status: 404, body: { code: 5 } });
  });

  it('accepts the same spec again, refuses a different one without upsert, updates with it', async () => {
    const standIn = await start({
      clusters: [{ name: 'eks-prod', server: 'https://eks.example.test' }],
    });
    const call = api(standIn);
    const spec = application('shop', {
      destination: { name: 'eks-prod', namespace: 'shop' },
    });
    const first = await call('POST', '/api/v1/applications', spec);
    const again = await call('POST', '/api/v1/applications', spec);
    expect(again.status).toBe(200);
    expect(again.body.metadata.uid).toBe(first.body.metadata.uid);

    const changed = {
      ...spec,
      spec: {
        ...spec.spec,
        source: { ...spec.spec.source, targetRevision: 'dev' },
      },
    };
    const refused = await call(
      'POST',
      '/api/v1/applications?upsert=false',
      changed,
    );
    expect(refused.body).toMatchObject({
      code: 3,
      message:
        'existing application spec is different, use upsert flag to force update',
    });
    const updated = await call(
      'POST',
      '/api/v1/applications?upsert=true',
      changed,
    );
    expect(updated.body.spec.source.targetRevision).toBe('dev');
    expect(updated.body.metadata.uid).toBe(first.body.metadata.uid);
    expect(Number(updated.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(first.body.metadata.resourceVersion),
    );

    const put = await call('PUT', '/api/v1/applications/shop', {
      ...changed,
      spec: {
        ...changed.spec,
        destination: { server: 'https://eks.example.test', namespace: 'shop' },
      },
    });
    expect(put.body.spec.destination).toEqual({
      server: 'https://eks.example.test',
      namespace: 'shop',
    });

    expect((await call('DELETE', '/api/v1/applications/shop')).status).toBe(
      200,
    );
    expect(
      (await call('GET', '/api/v1/applications/shop?projects=shop')).status,
    ).toBe(404);
  });

  it('keeps Applications across a restart and resumes a running sync', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir, syncDelayMs: 60_000 });
    await api(first)('POST', '/api/v1/applications', application());
    await first.stop();
    started.splice(started.indexOf(first), 1);

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
