/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readArgoCdConfig } from '../config';
import {
  ARGOCD_URL,
  TOKEN,
  capturingLogger,
  fastRetry,
  storedApplication,
  testConfig,
  recordArgoCdRequests,
} from '@internal/plugin-argocd-node-test-utils';
import { ArgoCdClient } from './ArgoCdClient';
import { ArgoCdApplication } from '@internal/plugin-argocd-common';

const worker = setupServer();
registerMswTestHooks(worker);
const recorder = recordArgoCdRequests(worker);

const instance = readArgoCdConfig(testConfig()).instances[0];

const app: ArgoCdApplication = {
  metadata: { name: 'shop-api' },
  spec: {
    project: 'team-shop',
    source: {
      repoURL: 'https://github.com/acme/shop-api.git',
      path: 'deploy',
      targetRevision: 'main',
    },
    destination: { name: 'eks-prod', namespace: 'shop' },
  },
};

function argoError(status: number, code: number, message: string) {
  return HttpResponse.json({ error: message, code, message }, { status });
}

describe('ArgoCdClient', () => {
  it('reads an Application with the bearer token', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json(storedApplication({ spec: app.spec })),
      ),
    );
    const client = new ArgoCdClient({ instance });
    const result = await client.getApplication('shop-api');
    expect(result?.spec.project).toBe('team-shop');
    const [request] = await recorder.settled();
    expect(request.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('returns undefined for an Application Argo CD does not know', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/missing`, () =>
        argoError(404, 5, 'applications.argoproj.io "missing" not found'),
      ),
    );
    const client = new ArgoCdClient({ instance });
    await expect(client.getApplication('missing')).resolves.toBeUndefined();
  });

  it('names the project when asked, as Argo CD needs to answer 404 instead of 403 for a missing Application', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/missing`, ({ request }) =>
        new URL(request.url).searchParams.get('projects') === 'team-shop'
          ? argoError(404, 5, 'applications.argoproj.io "missing" not found')
          : argoError(403, 7, 'permission denied'),
      ),
    );
    const client = new ArgoCdClient({ instance });
    await expect(
      client.getApplication('missing', { project: 'team-shop' }),
    ).resolves.toBeUndefined();
    await expect(client.getApplication('missing')).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('finds an Application by name in the list, without knowing its project', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications`, ({ request }) => {
        const name = new URL(request.url).searchParams.get('name');
        return HttpResponse.json({
          items:
            name === 'shop-api' ? [storedApplication({ spec: app.spec })] : [],
        });
      }),
    );
    const client = new ArgoCdClient({ instance });
    expect((await client.findApplication('shop-api'))?.spec.project).toBe(
      'team-shop',
    );
    // Missing, or not visible to the token: an empty list, not a 403.
    expect(await client.findApplication('missing')).toBeUndefined();
    const requests = await recorder.settled();
    expect(requests.map(r => new URL(r.url).search)).toEqual([
      '?name=shop-api',
      '?name=missing',
    ]);
  });

  it('creates an Application with upsert and validate query flags', async () => {
    worker.use(
      http.post(`${ARGOCD_URL}/api/v1/applications`, async ({ request }) =>
        HttpResponse.json(
          storedApplication({ spec: ((await request.json()) as any).spec }),
        ),
      ),
    );
    const client = new ArgoCdClient({ instance });
    await client.createApplication(app);
    await client.createApplication(app, { upsert: true });
    const requests = await recorder.settled();
    expect(requests.map(r => r.url.search)).toEqual([
      '?upsert=false&validate=true',
      '?upsert=true&validate=true',
    ]);
    expect(requests[0].body).toEqual(app);
  });

  it('updates with PUT, deletes and reads projects', async () => {
    worker.use(
      http.put(
        `${ARGOCD_URL}/api/v1/applications/shop-api`,
        async ({ request }) =>
          HttpResponse.json(
            storedApplication({ spec: ((await request.json()) as any).spec }),
          ),
      ),
      http.delete(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json({}),
      ),
      http.delete(`${ARGOCD_URL}/api/v1/applications/gone`, () =>
        argoError(404, 5, 'applications.argoproj.io "gone" not found'),
      ),
      http.get(`${ARGOCD_URL}/api/v1/projects/team-shop`, () =>
        HttpResponse.json({ metadata: { name: 'team-shop' }, spec: {} }),
      ),
      http.get(`${ARGOCD_URL}/api/v1/projects/nope`, () =>
        argoError(404, 5, 'appprojects.argoproj.io "nope" not found'),
      ),
    );
    const client = new ArgoCdClient({ instance });
    await expect(client.updateApplication(app)).resolves.toMatchObject({
      spec: { project: 'team-shop' },
    });
    await expect(client.deleteApplication('shop-api')).resolves.toBe(true);
    await expect(client.deleteApplication('gone')).resolves.toBe(false);
    await expect(client.getProject('team-shop')).resolves.toMatchObject({
      metadata: { name: 'team-shop' },
    });
    await expect(client.getProject('nope')).resolves.toBeUndefined();
  });

  it('explains a rejected token (401) without revealing it', async () => {
    worker.use(
      http.post(`${ARGOCD_URL}/api/v1/applications`, () =>
        argoError(401, 16, `invalid session: token ${TOKEN} is expired`),
      ),
    );
    const client = new ArgoCdClient({ instance });
    const error = await client.createApplication(app).catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toContain('Argo CD instance "production"');
    expect(error.message).toContain('token');
    expect(error.message).toContain('<redacted>');
    expect(error.message).not.toContain(TOKEN);
  });

  it('names the RBAC permission to check on 403', async () => {
    worker.use(
      http.post(`${ARGOCD_URL}/api/v1/applications`, () =>
        argoError(
          403,
          7,
          'permission denied: applications, create, team-shop/shop-api, sub: backstage',
        ),
      ),
    );
    const client = new ArgoCdClient({ instance });
    const error = await client.createApplication(app).catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain('Argo CD instance "production"');
    expect(error.message).toContain(
      'p, role:launchpad-portal, applications, create, team-shop/*, allow',
    );
  });

  it('says so when the project does not exist', async () => {
    worker.use(
      http.post(`${ARGOCD_URL}/api/v1/applications`, () =>
        argoError(
          400,
          3,
          'application references project team-shop which does not exist',
        ),
      ),
    );
    const client = new ArgoCdClient({ instance });
    const error = await client.createApplication(app).catch(e => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toContain('has no project "team-shop"');
  });

  it('passes other refusals on as input errors with Argo CD’s message', async () => {
    worker.use(
      http.post(`${ARGOCD_URL}/api/v1/applications`, () =>
        argoError(
          400,
          3,
          'existing application spec is different, use upsert flag to force update',
        ),
      ),
    );
    const client = new ArgoCdClient({ instance });
    const error = await client.createApplication(app).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('use upsert flag to force update');
  });

  it('retries 5xx answers with back-off and then succeeds', async () => {
    let calls = 0;
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () => {
        calls++;
        return calls < 3
          ? argoError(503, 14, 'upstream connect error')
          : HttpResponse.json(storedApplication({ spec: app.spec }));
      }),
    );
    const { logger, text } = capturingLogger();
    const client = new ArgoCdClient({ instance, retry: fastRetry, logger });
    await expect(client.getApplication('shop-api')).resolves.toBeDefined();
    expect(calls).toBe(3);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(text()).toContain('retrying');
    expect(text()).not.toContain(TOKEN);
  });

  it('gives up after the configured attempts on persistent 5xx', async () => {
    let calls = 0;
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () => {
        calls++;
        return argoError(500, 13, 'etcdserver: request timed out');
      }),
    );
    const client = new ArgoCdClient({ instance, retry: fastRetry });
    const error = await client.getApplication('shop-api').catch(e => e);
    expect(calls).toBe(3);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('after 3 attempts');
    expect(error.message).toContain('etcdserver: request timed out');
  });

  it('retries network errors, then fails clearly without the token', async () => {
    let calls = 0;
    worker.use(
      http.post(`${ARGOCD_URL}/api/v1/applications`, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const { text } = capturingLogger();
    const client = new ArgoCdClient({ instance, retry: fastRetry });
    const error = await client.createApplication(app).catch(e => e);
    expect(calls).toBe(3);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain('Could not create Application "shop-api"');
    expect(error.message).toContain('reachable');
    expect(error.message).not.toContain(TOKEN);
    expect(text()).not.toContain(TOKEN);
  });

  it('spaces retries exponentially, bounded by maxDelayMs', async () => {
    const stamps: number[] = [];
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () => {
        stamps.push(Date.now());
        return argoError(502, 14, 'bad gateway');
      }),
    );
    const client = new ArgoCdClient({
      instance,
      retry: { attempts: 4, initialDelayMs: 40, maxDelayMs: 100 },
    });
    await expect(client.getApplication('shop-api')).rejects.toThrow(
      'after 4 attempts',
    );
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
    // 40, 80, then capped at 100 (timers may fire a little late, never early)
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]).toBeGreaterThanOrEqual(98);
    expect(gaps[2]).toBeLessThan(1000);
  });

  it('builds UI links from uiUrl when configured', () => {
    const [production, staging] = readArgoCdConfig(testConfig()).instances;
    expect(
      new ArgoCdClient({ instance: production }).applicationUiUrl('a'),
    ).toBe(`${ARGOCD_URL}/applications/a`);
    expect(new ArgoCdClient({ instance: staging }).applicationUiUrl('a')).toBe(
      'https://ui.staging.example.test/applications/a',
    );
  });
});
