/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import os from 'node:os';
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
import { createArgoCdCreateApplicationAction } from './createApplication';

const worker = setupServer();
registerMswTestHooks(worker);
const recorder = recordArgoCdRequests(worker);

const baseInput = {
  appName: 'shop-api',
  project: 'team-shop',
  repoUrl: 'https://github.com/acme/shop-api.git',
  path: 'deploy/overlays/eks',
  targetRevision: 'main',
  destinationName: 'eks-prod',
  namespace: 'shop',
  automatedSync: true,
  prune: true,
  selfHeal: true,
  createNamespace: true,
  labels: { 'backstage.io/kubernetes-id': 'shop-api' },
};

const expectedSpec = {
  project: 'team-shop',
  source: {
    repoURL: 'https://github.com/acme/shop-api.git',
    path: 'deploy/overlays/eks',
    targetRevision: 'main',
  },
  destination: { name: 'eks-prod', namespace: 'shop' },
  syncPolicy: {
    automated: { prune: true, selfHeal: true },
    syncOptions: ['CreateNamespace=true'],
  },
};

function argoError(status: number, code: number, message: string) {
  return HttpResponse.json({ error: message, code, message }, { status });
}

function run(
  input: object,
  options: { isDryRun?: boolean; config?: ConfigReader } = {},
) {
  const action = createArgoCdCreateApplicationAction({
    config: options.config ?? testConfig(),
    retry: fastRetry,
  });
  const { logger, text } = capturingLogger();
  const ctx = {
    ...createMockActionContext({
      input: input as any,
      logger,
      workspacePath: os.tmpdir(),
    }),
    isDryRun: options.isDryRun,
  };
  return {
    promise: action.handler(ctx as any),
    ctx,
    logText: text,
  };
}

/** A tiny in-memory Argo CD for the application endpoints. */
function fakeArgoCd(initial?: ReturnType<typeof storedApplication>) {
  const apps = new Map<string, any>();
  if (initial) apps.set(initial.metadata.name, initial);
  worker.use(
    http.get(`${ARGOCD_URL}/api/v1/applications/:name`, ({ params }) => {
      const app = apps.get(params.name as string);
      return app
        ? HttpResponse.json(app)
        : argoError(
            404,
            5,
            `applications.argoproj.io "${params.name}" not found`,
          );
    }),
    http.post(`${ARGOCD_URL}/api/v1/applications`, async ({ request }) => {
      const body = (await request.json()) as any;
      const upsert = new URL(request.url).searchParams.get('upsert') === 'true';
      if (apps.has(body.metadata.name) && !upsert) {
        return argoError(
          400,
          3,
          'existing application spec is different, use upsert flag to force update',
        );
      }
      const stored = storedApplication({
        name: body.metadata.name,
        spec: body.spec,
        labels: body.metadata.labels,
      });
      apps.set(body.metadata.name, stored);
      return HttpResponse.json(stored);
    }),
  );
  return apps;
}

describe('argocd:app:create', () => {
  it('creates the Application and outputs its name and UI link', async () => {
    const apps = fakeArgoCd();
    const { promise, ctx, logText } = run(baseInput);
    await promise;

    expect(apps.get('shop-api').spec).toEqual(expectedSpec);
    const requests = await recorder.settled();
    expect(
      requests.map(r => `${r.method} ${r.url.pathname}${r.url.search}`),
    ).toEqual([
      // The project is named so that real Argo CD answers 404, not 403, for a new name.
      'GET /api/v1/applications/shop-api?projects=team-shop',
      'POST /api/v1/applications?upsert=false&validate=true',
    ]);
    expect(requests[1].body).toEqual({
      metadata: {
        name: 'shop-api',
        labels: { 'backstage.io/kubernetes-id': 'shop-api' },
      },
      spec: expectedSpec,
    });
    expect(requests.every(r => r.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
    expect(ctx.output).toHaveBeenCalledWith('appName', 'shop-api');
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      `${ARGOCD_URL}/applications/shop-api`,
    );
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
    expect(logText()).not.toContain(TOKEN);
  });

  it('fills in Argo CD defaults and a server destination when given', async () => {
    const apps = fakeArgoCd();
    const { promise } = run({
      appName: 'billing',
      project: 'default',
      repoUrl: 'git@github.com:acme/billing.git',
      destinationServer: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
      namespace: 'billing',
    });
    await promise;
    expect(apps.get('billing').spec).toEqual({
      project: 'default',
      source: {
        repoURL: 'git@github.com:acme/billing.git',
        path: '.',
        targetRevision: 'HEAD',
      },
      destination: {
        server: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
        namespace: 'billing',
      },
    });
  });

  it('does nothing and says so when the same spec already exists', async () => {
    fakeArgoCd(
      storedApplication({ spec: expectedSpec, labels: baseInput.labels }),
    );
    const { promise, ctx, logText } = run(baseInput);
    await promise;
    const requests = await recorder.settled();
    expect(requests.map(r => r.method)).toEqual(['GET']);
    expect(ctx.output).toHaveBeenCalledWith('result', 'unchanged');
    expect(logText()).toContain('already exists');
    expect(logText()).toContain('nothing to do');
  });

  it('refuses a different spec without upsert and changes nothing', async () => {
    const apps = fakeArgoCd(
      storedApplication({
        spec: {
          ...expectedSpec,
          source: { ...expectedSpec.source, targetRevision: 'dev' },
        },
        labels: baseInput.labels,
      }),
    );
    const { promise } = run(baseInput);
    await expect(promise).rejects.toThrow(
      /already exists on Argo CD instance "production".*source\.targetRevision is "dev", wanted "main".*Set upsert: true/,
    );
    const requests = await recorder.settled();
    expect(requests.map(r => r.method)).toEqual(['GET']);
    expect(apps.get('shop-api').spec.source.targetRevision).toBe('dev');
  });

  it('updates a different spec when upsert is true', async () => {
    const apps = fakeArgoCd(
      storedApplication({
        spec: {
          ...expectedSpec,
          destination: { name: 'eks-old', namespace: 'shop' },
        },
      }),
    );
    const { promise, ctx } = run({ ...baseInput, upsert: true });
    await promise;
    const requests = await recorder.settled();
    expect(requests[1].url.search).toBe('?upsert=true&validate=true');
    expect(apps.get('shop-api').spec.destination.name).toBe('eks-prod');
    expect(ctx.output).toHaveBeenCalledWith('result', 'updated');
  });

  it('makes no request in a dry run and reports what it would create', async () => {
    const { promise, ctx, logText } = run(baseInput, { isDryRun: true });
    await promise;
    expect(await recorder.settled()).toEqual([]);
    expect(logText()).toContain(
      'Dry run: would create Argo CD Application \\"shop-api\\"',
    );
    expect(logText()).toContain('eks-prod');
    expect(logText()).not.toContain(TOKEN);
    expect(ctx.output).toHaveBeenCalledWith('result', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      `${ARGOCD_URL}/applications/shop-api`,
    );
  });

  it('accepts the placeholder repoUrl of a step the dry run skipped', async () => {
    const { promise, logText } = run(
      { ...baseInput, repoUrl: '<example>' },
      { isDryRun: true },
    );
    await promise;
    expect(await recorder.settled()).toEqual([]);
    expect(logText()).toContain('showing a placeholder repository');
  });

  it('still refuses that placeholder outside a dry run, before any request', async () => {
    const { promise } = run({ ...baseInput, repoUrl: '<example>' });
    await expect(promise).rejects.toThrow(/is not a Git URL/);
    expect(await recorder.settled()).toEqual([]);
  });

  it('keeps the side effect behind a checkpoint so a resumed task does not repeat it', async () => {
    const action = createArgoCdCreateApplicationAction({
      config: testConfig(),
    });
    const checkpoint = jest.fn().mockResolvedValue('created');
    const ctx = {
      ...createMockActionContext({
        input: baseInput as any,
        workspacePath: os.tmpdir(),
      }),
      checkpoint,
    };
    await action.handler(ctx as any);
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'argocd.app.create.production.shop-api' }),
    );
    expect(await recorder.settled()).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
  });

  it('uses the named instance, its token and its UI URL', async () => {
    worker.use(
      http.get(`${OTHER_URL}/api/v1/applications/shop-api`, () =>
        argoError(404, 5, 'not found'),
      ),
      http.post(`${OTHER_URL}/api/v1/applications`, async ({ request }) =>
        HttpResponse.json(
          storedApplication({ spec: ((await request.json()) as any).spec }),
        ),
      ),
    );
    const { promise, ctx } = run({ ...baseInput, instance: 'staging' });
    await promise;
    const requests = await recorder.settled();
    expect(
      requests.every(r => r.authorization === `Bearer ${OTHER_TOKEN}`),
    ).toBe(true);
    expect(ctx.output).toHaveBeenCalledWith(
      'url',
      'https://ui.staging.example.test/applications/shop-api',
    );
  });

  it.each([
    [
      { appName: 'Shop_API' },
      'appName "Shop_API" is not a valid Application name',
    ],
    [
      { destinationServer: 'https://x.example.test' },
      'set only one of destinationServer and destinationName',
    ],
    [{ destinationName: undefined }, 'set destinationName'],
    [
      {
        destinationName: undefined,
        destinationServer: 'kubernetes.default.svc',
      },
      'must be an https:// URL',
    ],
    [
      { repoUrl: 'github.com?owner=acme&repo=shop-api' },
      'RepoUrlPicker format',
    ],
    [{ repoUrl: 'not a url' }, 'is not a Git URL'],
    [{ namespace: 'Shop' }, 'not a valid Kubernetes namespace'],
    [{ namespace: 'shop.prod' }, 'not a valid Kubernetes namespace'],
    [{ labels: { 'bad key!': 'x' } }, 'label key "bad key!"'],
    [{ labels: { team: 'a b' } }, 'label "team" has an invalid value'],
    [
      { automatedSync: false },
      'prune and selfHeal only apply with automatedSync',
    ],
  ])('refuses bad input %o before any request', async (change, message) => {
    const { promise } = run({ ...baseInput, ...change });
    await expect(promise).rejects.toThrow(message);
    await expect(promise).rejects.toMatchObject({ name: 'InputError' });
    expect(await recorder.settled()).toEqual([]);
  });

  it('refuses an unknown instance and explains a missing configuration', async () => {
    const unknown = run({ ...baseInput, instance: 'qa' });
    await expect(unknown.promise).rejects.toThrow(
      'Argo CD instance "qa" is not configured. Configured instances: production, staging.',
    );
    const none = run(baseInput, { config: new ConfigReader({}) });
    await expect(none.promise).rejects.toThrow(
      'no Argo CD instance is configured',
    );
    expect(await recorder.settled()).toEqual([]);
  });

  describe('Argo CD failures', () => {
    const failures: Array<[string, () => void, RegExp, string]> = [
      [
        '401',
        () =>
          worker.use(
            http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
              argoError(401, 16, 'invalid session: token signature is invalid'),
            ),
          ),
        /Argo CD instance "production" .* rejected the API token.*Check that argocd.instances "production" token is set/,
        'AuthenticationError',
      ],
      [
        '403',
        () => {
          fakeArgoCd();
          worker.use(
            http.post(`${ARGOCD_URL}/api/v1/applications`, () =>
              argoError(
                403,
                7,
                'permission denied: applications, create, team-shop/shop-api',
              ),
            ),
          );
        },
        /denied permission to create Application "shop-api" in project "team-shop".*applications, create.*team-shop\/\*/,
        'NotAllowedError',
      ],
      [
        'unknown project',
        () => {
          fakeArgoCd();
          worker.use(
            http.post(`${ARGOCD_URL}/api/v1/applications`, () =>
              argoError(
                400,
                3,
                'application references project team-shop which does not exist',
              ),
            ),
          );
        },
        /has no project "team-shop".*Create the AppProject/,
        'NotFoundError',
      ],
      [
        'network error',
        () =>
          worker.use(
            http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
              HttpResponse.error(),
            ),
          ),
        /after 3 attempts.*reachable/,
        'ServiceUnavailableError',
      ],
    ];

    it.each(failures)(
      'fails clearly on %s, without the token anywhere',
      async (_name, setup, message, errorName) => {
        setup();
        const { promise, ctx, logText } = run(baseInput);
        const error = await promise.catch(e => e);
        expect(error.name).toBe(errorName);
        expect(error.message).toMatch(message);
        expect(error.message).not.toContain(TOKEN);
        expect(logText()).not.toContain(TOKEN);
        expect(ctx.output).not.toHaveBeenCalled();
      },
    );

    it('retries a network error before failing', async () => {
      let calls = 0;
      worker.use(
        http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () => {
          calls++;
          return HttpResponse.error();
        }),
      );
      const { promise, logText } = run(baseInput);
      await expect(promise).rejects.toThrow('after 3 attempts');
      expect(calls).toBe(3);
      expect(logText()).toContain('retrying');
    });
  });
});
