/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createTenancyCheckAction } from './checkTenancy';
import { tenancyService } from '../__testUtils__/tenancy';

const action = createTenancyCheckAction({ tenancy: tenancyService() });

function context(input: Record<string, unknown>, userRef?: string) {
  return createMockActionContext({
    input: input as any,
    ...(userRef ? { user: { ref: userRef } } : {}),
  });
}

function outputs(ctx: ReturnType<typeof context>) {
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
  );
}

describe('launchpad:tenancy:check', () => {
  it('passes a member inside the team’s tenancy and outputs the derived values', async () => {
    const ctx = context(
      {
        owner: 'group:default/payments',
        namespace: 'payments-orders',
        serviceName: 'orders-api',
        cluster: '',
        project: '',
        ingressHost: '',
      },
      'user:default/sora',
    );
    await action.handler(ctx);
    expect(outputs(ctx)).toEqual({
      team: 'group:default/payments',
      project: 'team-payments',
      cluster: 'eks',
      namespace: 'payments-orders',
      ingressHost: 'orders-api.payments.apps.example.com',
      ingressScheme: 'internal',
      ingressGroupName: 'launchpad-payments',
      certificateArn: '',
    });
  });

  it('leaves the ingress out without a service name', async () => {
    const ctx = context(
      { owner: 'payments', namespace: 'payments' },
      'user:default/sora',
    );
    await action.handler(ctx);
    expect(outputs(ctx)).toMatchObject({
      ingressHost: '',
      ingressGroupName: '',
    });
  });

  it.each([
    [
      'another team as owner',
      { owner: 'group:default/orders', namespace: 'orders' },
      'user:default/sora is not a member of group:default/orders, so it cannot deploy for it. It may deploy for group:default/payments',
    ],
    [
      'kube-system',
      { owner: 'payments', namespace: 'kube-system' },
      "namespace 'kube-system' is reserved for the cluster and the platform (kube-*); group:default/payments may deploy to payments, payments-*",
    ],
    [
      'argocd',
      { owner: 'payments', namespace: 'argocd' },
      "namespace 'argocd' is reserved",
    ],
    [
      'another team’s namespace',
      { owner: 'payments', namespace: 'orders-x' },
      "namespace 'orders-x' does not belong to group:default/payments (it is group:default/orders's); group:default/payments may deploy to payments, payments-*",
    ],
    [
      'the default project',
      { owner: 'payments', namespace: 'payments', project: 'default' },
      "Argo CD project 'default' is not group:default/payments's: its services deploy with project 'team-payments'",
    ],
    [
      'another team’s project',
      { owner: 'payments', namespace: 'payments', project: 'team-orders' },
      "Argo CD project 'team-orders' is not group:default/payments's",
    ],
    [
      'an unknown cluster',
      { owner: 'payments', namespace: 'payments', cluster: 'prod-eu' },
      "cluster 'prod-eu' is not one of group:default/payments's clusters: eks",
    ],
    [
      'internet-facing for a team that may not',
      {
        owner: 'payments',
        namespace: 'payments',
        serviceName: 'x',
        ingressScheme: 'internet-facing',
      },
      'group:default/payments may not create internet-facing load balancers',
    ],
    [
      'a host outside the team’s domains',
      {
        owner: 'payments',
        namespace: 'payments',
        serviceName: 'x',
        ingressHost: 'x.platform.apps.example.com',
      },
      "ingress host 'x.platform.apps.example.com' is not under group:default/payments's domains: *.payments.apps.example.com",
    ],
  ])('refuses %s, naming what is allowed', async (_what, input, message) => {
    const ctx = context(input, 'user:default/sora');
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses a task without a user (a static API token)', async () => {
    const ctx = context({ owner: 'payments', namespace: 'payments' });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Only a signed-in user can deploy for group:default/payments: this request has no user (a service or API token).',
    );
  });

  it('lets the platform group act for any team, inside that team’s tenancy', async () => {
    const ctx = context(
      {
        owner: 'orders',
        namespace: 'orders',
        serviceName: 'web',
        ingressScheme: 'internal',
      },
      'user:default/minji',
    );
    await action.handler(ctx);
    expect(outputs(ctx)).toMatchObject({
      team: 'group:default/orders',
      project: 'team-orders',
      ingressHost: 'web.orders.apps.example.com',
    });
    const outside = context(
      { owner: 'orders', namespace: 'platform' },
      'user:default/minji',
    );
    await expect(action.handler(outside)).rejects.toThrow(
      "namespace 'platform' does not belong to group:default/orders (it is group:default/platform's)",
    );
  });

  it('runs in dry runs (it has no side effects)', () => {
    expect(action.supportsDryRun).toBe(true);
  });
});
