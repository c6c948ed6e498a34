/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DefaultTenancyService } from '@internal/plugin-launchpad-tenancy-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import os from 'node:os';
import {
  ARGOCD_URL,
  capturingLogger,
  fastRetry,
  storedApplication,
  testConfig,
  recordArgoCdRequests,
} from '@internal/plugin-argocd-node-test-utils';
import { createArgoCdCreateApplicationAction } from './createApplication';

// argocd:app:create refuses what team tenancy does not allow, before any
// request to Argo CD and also in dry runs (defence in depth: the template's
// own launchpad:tenancy:check runs first, but any template may use this
// action).
const worker = setupServer();
registerMswTestHooks(worker);
const recorder = recordArgoCdRequests(worker);

const member = (name: string, group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});
const team = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const tenancy = DefaultTenancyService.create({
  config: mockServices.rootConfig({
    data: {
      launchpad: {
        access: { platformGroups: ['group:default/platform'] },
        tenancy: {
          sourceRepos: ['https://github.com/acme/*'],
          defaults: {
            clusters: ['eks-prod'],
            ingress: { domains: ['{group}.apps.example.com'] },
          },
          teams: [{ group: 'shop' }, { group: 'billing' }],
        },
      },
    },
  }),
  catalog: catalogServiceMock({
    entities: [member('sora', 'shop'), team('shop'), team('billing')],
  }),
  auth: mockServices.auth(),
  logger: mockServices.logger.mock(),
});

const input = {
  appName: 'shop-api',
  project: 'team-shop',
  repoUrl: 'https://github.com/acme/shop-api.git',
  path: 'deploy/overlays/eks',
  targetRevision: 'main',
  destinationName: 'eks-prod',
  namespace: 'shop',
  automatedSync: true,
};

function run(
  overrides: object,
  options: { isDryRun?: boolean; userRef?: string | null } = {},
) {
  const action = createArgoCdCreateApplicationAction({
    config: testConfig(),
    retry: fastRetry,
    tenancy,
  });
  const ctx = {
    ...createMockActionContext({
      input: { ...input, ...overrides } as any,
      logger: capturingLogger().logger,
      workspacePath: os.tmpdir(),
      ...(options.userRef === null
        ? {}
        : { user: { ref: options.userRef ?? 'user:default/sora' } }),
    }),
    isDryRun: options.isDryRun,
  };
  return { promise: action.handler(ctx as any), ctx };
}

describe('argocd:app:create with team tenancy', () => {
  it('creates an Application inside the user’s team tenancy', async () => {
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/:name`, ({ params }) =>
        HttpResponse.json(
          {
            error: 'not found',
            code: 5,
            message: `applications.argoproj.io "${params.name}" not found`,
          },
          { status: 404 },
        ),
      ),
      http.post(`${ARGOCD_URL}/api/v1/applications`, async ({ request }) => {
        const body = (await request.json()) as any;
        return HttpResponse.json(
          storedApplication({ name: body.metadata.name, spec: body.spec }),
        );
      }),
    );
    const { promise, ctx } = run({});
    await promise;
    expect(ctx.output).toHaveBeenCalledWith('result', 'created');
  });

  it.each([
    [
      'the default project',
      { project: 'default' },
      "Argo CD project 'default' is not a team's project in launchpad.tenancy",
    ],
    [
      'a project nobody owns',
      { project: 'platform-tools' },
      "Argo CD project 'platform-tools' is not a team's project",
    ],
    [
      'another team’s project',
      { project: 'team-billing', namespace: 'billing' },
      'user:default/sora is not a member of group:default/billing',
    ],
    [
      'a namespace outside the team',
      { namespace: 'kube-system' },
      "namespace 'kube-system' is reserved",
    ],
    [
      'another team’s namespace',
      { namespace: 'billing-x' },
      "namespace 'billing-x' does not belong to group:default/shop (it is group:default/billing's)",
    ],
    [
      'an unknown cluster',
      { destinationName: 'in-cluster' },
      "cluster 'in-cluster' is not one of group:default/shop's clusters: eks-prod",
    ],
    [
      'a server URL instead of a cluster name',
      {
        destinationName: undefined,
        destinationServer: 'https://kubernetes.default.svc',
      },
      "set destinationName to one of group:default/shop's clusters (eks-prod)",
    ],
  ])(
    'refuses %s without a request, also in a dry run',
    async (_what, overrides, message) => {
      await expect(run(overrides).promise).rejects.toThrow(message);
      const dry = run(overrides, { isDryRun: true });
      await expect(dry.promise).rejects.toThrow(message);
      expect(dry.ctx.output).not.toHaveBeenCalled();
      expect(await recorder.settled()).toEqual([]);
    },
  );

  it('refuses a run without a user (a static token)', async () => {
    await expect(run({}, { userRef: null }).promise).rejects.toThrow(
      /Only a signed-in user can deploy for group:default\/shop/,
    );
    expect(await recorder.settled()).toEqual([]);
  });
});
