/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  api,
  application,
  cleanUp,
  expectConforms,
  start,
} from '../__testUtils__/standIn';

afterEach(cleanUp);

describe('Argo CD stand-in: /api/v1/applications', () => {
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
});
