/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  ARGOCD_URL,
  OTHER_TOKEN,
  OTHER_URL,
  TOKEN,
  capturingLogger,
  fastRetry,
  storedApplication,
  testConfig,
  recordArgoCdRequests,
} from '@internal/plugin-argocd-node-test-utils';
import { createArgoCdCheckApplicationAvailableAction } from './checkApplicationAvailable';

const worker = setupServer();
registerMswTestHooks(worker);
const recorder = recordArgoCdRequests(worker);

function argoError(status: number, code: number, message: string) {
  return HttpResponse.json({ error: message, code, message }, { status });
}

function run(input: object, config: ConfigReader = testConfig()) {
  const action = createArgoCdCheckApplicationAvailableAction({
    config,
    retry: fastRetry,
  });
  const { logger, text } = capturingLogger();
  const ctx = createMockActionContext({ input: input as any, logger });
  return { promise: action.handler(ctx as any), ctx, logText: text };
}

const existing = storedApplication({
  name: 'shop-api',
  spec: {
    project: 'team-shop',
    source: {
      repoURL: 'https://github.com/acme/old-shop.git',
      path: 'deploy/overlays/eks',
      targetRevision: 'main',
    },
    destination: { name: 'eks-prod', namespace: 'shop' },
  },
});

describe('argocd:app:checkAvailable', () => {
  it('passes when the Application does not exist, with two reads and no write', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        argoError(404, 5, 'applications.argoproj.io "shop-api" not found'),
      ),
      http.get(`${ARGOCD_URL}/api/v1/applications`, () =>
        HttpResponse.json({ metadata: {}, items: [] }),
      ),
    );
    const { promise, ctx, logText } = run({
      appName: 'shop-api',
      project: 'team-shop',
    });
    await promise;

    const requests = await recorder.settled();
    // Named project: real Argo CD answers 404 (not 403) for a missing Application only then.
    expect(
      requests.map(r => `${r.method} ${r.url.pathname}${r.url.search}`),
    ).toEqual([
      'GET /api/v1/applications/shop-api?projects=team-shop',
      'GET /api/v1/applications?name=shop-api',
    ]);
    expect(requests[0].authorization).toBe(`Bearer ${TOKEN}`);
    expect(ctx.output).toHaveBeenCalledWith('appName', 'shop-api');
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      `${ARGOCD_URL}/applications/shop-api`,
    );
    expect(logText()).toMatch(/the name is available/);
    expect(logText()).not.toContain(TOKEN);
  });

  it('refuses an existing Application and says what it deploys and how to clean up', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json(existing),
      ),
    );
    const { promise, ctx } = run({ appName: 'shop-api' });
    const error = await promise.catch(e => e);
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      `An Argo CD Application named "shop-api" already exists on Argo CD instance "production" (${ARGOCD_URL}): project "team-shop", source https://github.com/acme/old-shop.git (path deploy/overlays/eks, revision main), destination eks-prod/shop (${ARGOCD_URL}/applications/shop-api). Nothing was created. Choose another name, or, if it is a leftover of an earlier failed run, delete it (argocd app delete shop-api) and run the template again.`,
    );
    expect(ctx.output).not.toHaveBeenCalled();
    const requests = await recorder.settled();
    expect(requests.every(r => r.method === 'GET')).toBe(true);
  });

  it('uses the named instance, its token and its UI URL', async () => {
    worker.use(
      http.get(`${OTHER_URL}/api/v1/applications/shop-api`, () =>
        argoError(404, 5, 'not found'),
      ),
    );
    const { promise, ctx } = run({ appName: 'shop-api', instance: 'staging' });
    await promise;
    const requests = await recorder.settled();
    expect(requests[0].authorization).toBe(`Bearer ${OTHER_TOKEN}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      'https://ui.staging.example.test/applications/shop-api',
    );
  });

  it('refuses an invalid name before any request', async () => {
    const { promise } = run({ appName: 'Shop_API' });
    await expect(promise).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/appName "Shop_API" is not a valid/),
    });
    expect(await recorder.settled()).toEqual([]);
  });

  it('explains an unknown instance and a missing configuration', async () => {
    await expect(
      run({ appName: 'shop-api', instance: 'nope' }).promise,
    ).rejects.toThrow(
      'Argo CD instance "nope" is not configured. Configured instances: production, staging.',
    );
    await expect(
      run({ appName: 'shop-api' }, new ConfigReader({})).promise,
    ).rejects.toThrow(/no Argo CD instance is configured/);
  });

  it('names the RBAC rule when Argo CD denies the read, without the token', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        argoError(403, 7, 'permission denied'),
      ),
    );
    const error = await run({
      appName: 'shop-api',
      project: 'team-shop',
    }).promise.catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toMatch(
      /p, role:launchpad-portal, applications, get, team-shop\/\*, allow/,
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it('refuses a name taken in another project, which Argo CD reports as not found in the named one', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        argoError(404, 5, 'applications.argoproj.io "shop-api" not found'),
      ),
      http.get(`${ARGOCD_URL}/api/v1/applications`, ({ request }) =>
        HttpResponse.json({
          metadata: {},
          items:
            new URL(request.url).searchParams.get('name') === 'shop-api'
              ? [existing]
              : [],
        }),
      ),
    );
    const error = await run({
      appName: 'shop-api',
      project: 'team-other',
    }).promise.catch(e => e);
    expect(error.name).toBe('ConflictError');
    expect(error.message).toMatch(
      /An Argo CD Application named "shop-api" already exists .*project "team-shop".*Nothing was created/,
    );
  });

  it('gives up after retries when Argo CD is unreachable', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.error(),
      ),
    );
    await expect(run({ appName: 'shop-api' }).promise).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/after 3 attempts/),
    });
  });
});
