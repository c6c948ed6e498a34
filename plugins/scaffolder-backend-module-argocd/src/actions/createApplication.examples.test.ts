/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import os from 'node:os';
import yaml from 'yaml';
import {
  fastRetry,
  storedApplication,
  testConfig,
  recordArgoCdRequests,
} from '@internal/plugin-argocd-node-test-utils';
import { createArgoCdCreateApplicationAction } from './createApplication';
import { examples } from './createApplication.examples';

const worker = setupServer();
registerMswTestHooks(worker);
const recorder = recordArgoCdRequests(worker);

function stepInput(index: number) {
  return yaml.parse(examples[index].example).steps[0].input;
}

describe('argocd:app:create examples', () => {
  const action = createArgoCdCreateApplicationAction({
    config: testConfig(),
    retry: fastRetry,
  });

  it(`${examples[0].description}`, async () => {
    worker.use(
      http.get('https://argocd.example.test/api/v1/applications/shop-api', () =>
        HttpResponse.json(
          { error: 'nf', code: 5, message: 'not found' },
          { status: 404 },
        ),
      ),
      http.post(
        'https://argocd.example.test/api/v1/applications',
        async ({ request }) =>
          HttpResponse.json(
            storedApplication({ spec: ((await request.json()) as any).spec }),
          ),
      ),
    );
    const ctx = createMockActionContext({
      input: stepInput(0),
      workspacePath: os.tmpdir(),
    });
    await action.handler(ctx as any);

    const [, post] = await recorder.settled();
    expect(post.body).toEqual({
      metadata: {
        name: 'shop-api',
        labels: { 'backstage.io/kubernetes-id': 'shop-api' },
      },
      spec: {
        project: 'team-shop',
        source: {
          repoURL: 'https://github.com/acme/shop-api.git',
          path: 'deploy/overlays/eks',
          targetRevision: 'main',
        },
        destination: { name: 'eks-prod-eu-west-1', namespace: 'shop' },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['CreateNamespace=true'],
        },
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
  });

  it(`${examples[1].description}`, async () => {
    const input = stepInput(1);
    worker.use(
      http.get('https://argocd.example.test/api/v1/applications/shop-api', () =>
        HttpResponse.json(
          storedApplication({
            spec: {
              project: 'team-shop',
              source: {
                repoURL: input.repoUrl,
                path: input.path,
                targetRevision: 'main',
              },
              destination: {
                server: input.destinationServer,
                namespace: 'shop',
              },
            },
          }),
        ),
      ),
      http.post(
        'https://argocd.example.test/api/v1/applications',
        async ({ request }) =>
          HttpResponse.json(
            storedApplication({ spec: ((await request.json()) as any).spec }),
          ),
      ),
    );
    const ctx = createMockActionContext({ input, workspacePath: os.tmpdir() });
    await action.handler(ctx as any);

    const [, post] = await recorder.settled();
    expect(post.url.searchParams.get('upsert')).toBe('true');
    expect(post.body.spec.source.targetRevision).toBe('release-1.4');
    expect(post.body.spec.destination).toEqual({
      server: 'https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com',
      namespace: 'shop',
    });
    expect(ctx.output).toHaveBeenCalledWith('result', 'updated');
  });
});
