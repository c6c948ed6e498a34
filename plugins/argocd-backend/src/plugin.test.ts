/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The Argo CD status route through a real test backend: default auth policy,
 * the caller's credentials forwarded to the catalog, Argo CD behind msw.
 */

import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { argocdPlugin } from './plugin';
import {
  component,
  grpcError,
  syncedApplication,
} from './__testUtils__/fixtures';

const TOKEN = 'argocd-secret-token-5d1e9c';
const STAGING_TOKEN = 'argocd-staging-token-77aa02';
const PROD = 'https://argocd.prod.example.test';
const PROD_UI = 'https://deploy.example.test';
const STAGING = 'https://argocd.staging.example.test';

const entities = [
  component('shop-api', { 'argocd/app-name': 'shop-api' }),
  component('shop-web', {
    'argocd/app-name': 'shop-web',
    'argocd/instance-name': 'staging',
  }),
  component('shop-gone', { 'argocd/app-name': 'shop-gone' }),
  component('shop-flaky', { 'argocd/app-name': 'shop-flaky' }),
  component('shop-odd', {
    'argocd/app-name': 'shop-odd',
    'argocd/instance-name': 'nowhere',
  }),
  component('plain-lib'),
];

/** Users the mocked catalog's permission policy treats specially. */
const OUTSIDER = 'user:default/outsider'; // the catalog hides the entity
const BLOCKED = 'user:default/blocked'; // the catalog answers 403

async function forbidden() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Forbidden' },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

const catalog = catalogServiceMock.mock({
  getEntityByRef: jest.fn(async (ref: string | CompoundEntityRef, options) => {
    const { credentials } = options as CatalogServiceRequestOptions;
    const user = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    if (user === OUTSIDER) return undefined;
    if (user === BLOCKED) throw await forbidden();
    const { kind, namespace, name } =
      typeof ref === 'string' ? parseEntityRef(ref) : ref;
    return entities.find(
      e =>
        e.kind.toLowerCase() === kind.toLowerCase() &&
        e.metadata.namespace === namespace &&
        e.metadata.name === name,
    );
  }),
});

const argoRequests: Array<{ url: string; authorization: string | null }> = [];
const worker = setupServer(
  // The test backend itself listens on loopback: let supertest through.
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//, () =>
    passthrough(),
  ),
  // The card looks Applications up by name in the list (what the token may
  // see), so a missing one is an empty list rather than "permission denied".
  http.get(`${PROD}/api/v1/applications`, ({ request: req }) => {
    const params = { name: new URL(req.url).searchParams.get('name') };
    argoRequests.push({
      url: req.url,
      authorization: req.headers.get('authorization'),
    });
    if (req.headers.get('authorization') !== `Bearer ${TOKEN}`) {
      return HttpResponse.json(
        grpcError(16, 'invalid session: token is invalid'),
        {
          status: 401,
        },
      );
    }
    if (params.name === 'shop-api') {
      return HttpResponse.json({ items: [syncedApplication('shop-api')] });
    }
    if (params.name === 'shop-flaky') {
      // Echoes the header like a misbehaving proxy: must still not leak.
      return HttpResponse.text(
        `upstream connect error; request had ${req.headers.get(
          'authorization',
        )}`,
        { status: 502 },
      );
    }
    return HttpResponse.json({ items: [] });
  }),
  http.get(`${STAGING}/api/v1/applications`, ({ request: req }) => {
    argoRequests.push({
      url: req.url,
      authorization: req.headers.get('authorization'),
    });
    return HttpResponse.error();
  }),
);
registerMswTestHooks(worker);

function argoCdConfig(prodToken = TOKEN) {
  return {
    argocd: {
      instances: [
        { name: 'production', url: PROD, token: prodToken, uiUrl: PROD_UI },
        { name: 'staging', url: STAGING, token: STAGING_TOKEN },
      ],
    },
  };
}

async function startBackend(config: object = argoCdConfig()) {
  const { server } = await startTestBackend({
    features: [
      argocdPlugin,
      mockServices.rootConfig.factory({ data: config }),
      // As in production: a request without a token carries no credentials
      // (the mock's default would be a signed-in user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalog.factory,
    ],
  });
  return server;
}

const statusPath = (name: string) =>
  `/api/argocd/entities/default/component/${name}/status`;

beforeEach(() => {
  argoRequests.length = 0;
  catalog.getEntityByRef.mockClear();
});

describe('GET /api/argocd/entities/:namespace/:kind/:name/status', () => {
  it('returns sync, health, last sync, the last deployments and the Argo CD link, and nothing else', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-api'))
      .set('Authorization', mockCredentials.user.header('user:default/alice'));

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      instance: 'production',
      appName: 'shop-api',
      url: `${PROD_UI}/applications/shop-api`,
      sync: {
        status: 'Synced',
        revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
      },
      health: { status: 'Healthy' },
      lastSync: {
        phase: 'Succeeded',
        startedAt: '2026-11-27T10:00:12Z',
        finishedAt: '2026-11-27T10:00:31Z',
        message: 'successfully synced (all tasks run)',
        revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
      },
      deployments: [
        {
          revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
          deployStartedAt: '2026-11-27T10:00:12Z',
          deployedAt: '2026-11-27T10:00:31Z',
        },
      ],
      fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
    });
    expect(Date.now() - Date.parse(res.body.fetchedAt)).toBeLessThan(60_000);
    // The Application's spec, resources and images stay in the backend.
    expect(res.text).not.toContain('repoURL');
    expect(res.text).not.toContain('dkr.ecr');
    expect(res.text).not.toContain(TOKEN);

    // Argo CD was called with the server-side token ...
    expect(argoRequests).toEqual([
      {
        url: `${PROD}/api/v1/applications?name=shop-api`,
        authorization: `Bearer ${TOKEN}`,
      },
    ]);
    // ... and the catalog with the caller's own credentials.
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    const [ref, options] = catalog.getEntityByRef.mock.calls[0];
    expect(ref).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'shop-api',
    });
    expect(
      (options as CatalogServiceRequestOptions).credentials.principal,
    ).toMatchObject({
      type: 'user',
      userEntityRef: 'user:default/alice',
    });
  });

  it('refuses an unauthenticated caller with 401', async () => {
    const server = await startBackend();
    const none = await request(server).get(statusPath('shop-api'));
    expect(none.status).toBe(401);
    const invalid = await request(server)
      .get(statusPath('shop-api'))
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(invalid.status).toBe(401);
    expect(argoRequests).toEqual([]);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('refuses a service caller with 403: the card is for signed-in users', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-api'))
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(403);
    expect(argoRequests).toEqual([]);
  });

  it('answers 404 when the catalog does not let the caller read the entity', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-api'))
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        name: 'NotFoundError',
        message: 'No entity component:default/shop-api in the catalog',
      }),
    );
    expect(res.text).not.toContain('Synced');
    expect(argoRequests).toEqual([]);
  });

  it('answers 403 when the catalog refuses the caller outright', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-api'))
      .set('Authorization', mockCredentials.user.header(BLOCKED));
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: 'You are not allowed to read component:default/shop-api',
      }),
    );
    expect(argoRequests).toEqual([]);
  });

  it('answers 404 for an unknown entity', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('nope'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'No entity component:default/nope in the catalog',
    );
  });

  it('answers 404 naming the missing annotation', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('plain-lib'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
    expect(res.body.error.message).toContain(
      'component:default/plain-lib has no argocd/app-name annotation',
    );
    expect(argoRequests).toEqual([]);
  });

  it('answers 404 when Argo CD has no such Application', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-gone'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        name: 'NotFoundError',
        message: expect.stringContaining(
          'Argo CD instance "production" has no Application "shop-gone"',
        ),
      }),
    );
  });

  it('answers 503 "unavailable" when Argo CD cannot be reached, on the instance the annotation picks', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-web'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toMatch(/^Argo CD is unavailable: /);
    expect(res.body.error.message).toContain('Argo CD instance "staging"');
    // Retried once, never answered from a cache, token never echoed.
    expect(argoRequests.map(r => r.url)).toEqual([
      `${STAGING}/api/v1/applications?name=shop-web`,
      `${STAGING}/api/v1/applications?name=shop-web`,
    ]);
    expect(argoRequests[0].authorization).toBe(`Bearer ${STAGING_TOKEN}`);
    expect(res.text).not.toContain(STAGING_TOKEN);
    expect(res.text).not.toContain('Synced');
  });

  it('answers 503 on a 5xx from Argo CD without echoing the token', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-flaky'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/^Argo CD is unavailable: /);
    expect(res.body.error.message).toContain('HTTP 502');
    expect(res.text).not.toContain(TOKEN);
    expect(res.body.error.message).toContain('<redacted>');
  });

  it('answers 503 when Argo CD rejects the portal token', async () => {
    const wrong = 'expired-token-00ff11';
    const server = await startBackend(argoCdConfig(wrong));
    const res = await request(server)
      .get(statusPath('shop-api'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/^Argo CD is unavailable: /);
    expect(res.body.error.message).toContain('rejected the API token');
    expect(res.text).not.toContain(wrong);
    expect(res.text).not.toContain('Synced');
  });

  it('answers 404 when the instance-name annotation names an unconfigured instance', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(statusPath('shop-odd'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Argo CD instance "nowhere", named by the argocd/instance-name annotation of component:default/shop-odd, is not configured. Configured instances: production, staging.',
    );
    expect(argoRequests).toEqual([]);
  });

  it('answers 503 when no Argo CD instance is configured', async () => {
    const server = await startBackend({});
    const res = await request(server)
      .get(statusPath('shop-api'))
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      'Argo CD is unavailable: no Argo CD instance is configured',
    );
  });
});
