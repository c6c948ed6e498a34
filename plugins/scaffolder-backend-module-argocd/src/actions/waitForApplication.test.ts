/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import os from 'node:os';
import {
  ARGOCD_URL,
  TOKEN,
  capturingLogger,
  fastRetry,
  storedApplication,
  testConfig,
  recordArgoCdRequests,
} from '@internal/plugin-argocd-node-test-utils';
import { createArgoCdWaitForApplicationAction } from './waitForApplication';

const worker = setupServer();
registerMswTestHooks(worker);
const recorder = recordArgoCdRequests(worker);

const spec = {
  project: 'team-shop',
  source: {
    repoURL: 'https://github.com/acme/shop-api.git',
    path: 'deploy',
    targetRevision: 'main',
  },
  destination: { name: 'eks-prod', namespace: 'shop' },
  syncPolicy: { automated: { prune: true, selfHeal: true } },
};

const progressing = {
  sync: { status: 'OutOfSync' },
  health: { status: 'Progressing' },
  operationState: {
    phase: 'Running',
    message: 'one or more tasks are running',
    startedAt: '2026-11-01T10:00:00Z',
  },
};
const healthy = {
  sync: { status: 'Synced', revision: 'a1b2c3d4' },
  health: { status: 'Healthy' },
  operationState: {
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: '2026-11-01T10:00:00Z',
    finishedAt: '2026-11-01T10:00:05Z',
  },
};

/** Serves the given statuses in order, repeating the last one. */
function serveStatuses(statuses: object[], appSpec: object = spec) {
  let calls = 0;
  worker.use(
    http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () => {
      const status = statuses[Math.min(calls, statuses.length - 1)];
      calls++;
      return HttpResponse.json(storedApplication({ spec: appSpec, status }));
    }),
  );
  return () => calls;
}

function run(input: object, config = testConfig()) {
  const action = createArgoCdWaitForApplicationAction({
    config,
    retry: fastRetry,
  });
  const { logger, text } = capturingLogger();
  const ctx = createMockActionContext({
    input: input as any,
    logger,
    workspacePath: os.tmpdir(),
  });
  return { promise: action.handler(ctx as any), ctx, logText: text };
}

const fast = { appName: 'shop-api', intervalSeconds: 0.01, timeoutSeconds: 5 };

describe('argocd:app:wait', () => {
  it('polls until the Application is Synced and Healthy', async () => {
    const calls = serveStatuses([progressing, progressing, healthy]);
    const { promise, ctx, logText } = run(fast);
    await promise;
    expect(calls()).toBe(3);
    expect(ctx.output).toHaveBeenCalledWith('syncStatus', 'Synced');
    expect(ctx.output).toHaveBeenCalledWith('healthStatus', 'Healthy');
    expect(ctx.output).toHaveBeenCalledWith('revision', 'a1b2c3d4');
    expect(logText()).toContain('sync OutOfSync, health Progressing');
    expect(logText()).toContain('is Synced and Healthy');
    expect(logText()).not.toContain(TOKEN);
    const requests = await recorder.settled();
    expect(requests.every(r => r.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
  });

  it('keeps waiting while a sync operation is still running, even if Synced/Healthy', async () => {
    const calls = serveStatuses([
      {
        ...healthy,
        operationState: { ...healthy.operationState, phase: 'Running' },
      },
      healthy,
    ]);
    await run(fast).promise;
    expect(calls()).toBe(2);
  });

  it('fails with Argo CD’s health message when the Application is Degraded', async () => {
    serveStatuses([
      progressing,
      {
        ...healthy,
        health: {
          status: 'Degraded',
          message: 'Deployment "shop-api" exceeded its progress deadline',
        },
      },
    ]);
    const { promise, ctx } = run(fast);
    await expect(promise).rejects.toThrow(
      'Argo CD Application "shop-api" on instance "production" (https://argocd.example.test/applications/shop-api) is Degraded: Deployment "shop-api" exceeded its progress deadline',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('fails with Argo CD’s operation message when the sync fails', async () => {
    serveStatuses([
      {
        sync: { status: 'OutOfSync' },
        health: { status: 'Missing' },
        operationState: {
          phase: 'Failed',
          message:
            'one or more objects failed to apply, reason: namespaces "shop" not found',
          startedAt: '2026-11-01T10:00:00Z',
          finishedAt: '2026-11-01T10:00:03Z',
        },
      },
    ]);
    await expect(run(fast).promise).rejects.toThrow(
      'sync failed: one or more objects failed to apply, reason: namespaces "shop" not found',
    );
  });

  it('fails on an invalid spec condition with its message', async () => {
    serveStatuses([
      {
        sync: { status: 'Unknown' },
        health: { status: 'Missing' },
        conditions: [
          {
            type: 'InvalidSpecError',
            message:
              'application repo https://github.com/acme/shop-api.git is not permitted in project team-shop',
          },
        ],
      },
    ]);
    await expect(run(fast).promise).rejects.toThrow(
      'has an invalid spec: InvalidSpecError: application repo https://github.com/acme/shop-api.git is not permitted',
    );
  });

  it('times out with the last status it saw', async () => {
    serveStatuses([progressing]);
    const started = Date.now();
    const { promise } = run({
      ...fast,
      intervalSeconds: 0.02,
      timeoutSeconds: 0.1,
    });
    await expect(promise).rejects.toThrow(
      /Timed out after 0.1 s waiting for .* to become Synced and Healthy; last status: sync OutOfSync, health Progressing, operation Running/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('hints at a missing automated sync policy on timeout', async () => {
    serveStatuses(
      [{ sync: { status: 'OutOfSync' }, health: { status: 'Missing' } }],
      {
        ...spec,
        syncPolicy: undefined,
      },
    );
    await expect(
      run({ ...fast, timeoutSeconds: 0.05 }).promise,
    ).rejects.toThrow('has no automated sync policy');
  });

  it('uses argocd.waitDefaults when the template sets no timing', async () => {
    serveStatuses([progressing]);
    const { promise } = run(
      { appName: 'shop-api' },
      testConfig({
        waitDefaults: { intervalSeconds: 0.01, timeoutSeconds: 0.05 },
      }),
    );
    await expect(promise).rejects.toThrow('Timed out after 0.05 s');
  });

  it('fails when the Application does not exist', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json(
          {
            error: 'not found',
            code: 5,
            message: 'applications.argoproj.io "shop-api" not found',
          },
          { status: 404 },
        ),
      ),
    );
    const error = await run(fast).promise.catch(e => e);
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toContain('does not exist');
  });

  it('fails clearly on 401 and 403 without the token', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json(
          {
            error: 'no session information',
            code: 16,
            message: 'no session information',
          },
          { status: 401 },
        ),
      ),
    );
    const unauthenticated = await run(fast).promise.catch(e => e);
    expect(unauthenticated.name).toBe('AuthenticationError');
    expect(unauthenticated.message).not.toContain(TOKEN);

    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.json(
          { error: 'permission denied', code: 7, message: 'permission denied' },
          { status: 403 },
        ),
      ),
    );
    const forbidden = await run(fast).promise.catch(e => e);
    expect(forbidden.name).toBe('NotAllowedError');
    expect(forbidden.message).toContain('applications, get');
  });

  it('fails after retries when Argo CD stays unreachable', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.error(),
      ),
    );
    const { promise, logText } = run(fast);
    await expect(promise).rejects.toThrow('after 3 attempts');
    expect(logText()).not.toContain(TOKEN);
  });
});
