/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { readTenancyConfig } from './config';
import { TenancyRules, TENANCY_ANNOTATIONS } from './rules';
import { group, tenancyConfig } from './__testUtils__/config';
import { namespaceMatches, patternsOverlap, patternWithin } from './patterns';

const rules = new TenancyRules(readTenancyConfig(tenancyConfig())!);
const payments = rules.team('group:default/payments')!;
const orders = rules.team('orders')!;

function problems(
  team = payments,
  request: Parameters<TenancyRules['check']>[1],
) {
  const result = rules.check(team, request);
  return result.ok ? [] : result.problems;
}

describe('namespace patterns', () => {
  it.each([
    ['payments', 'payments', true],
    ['payments', 'payments-x', false],
    ['payments-*', 'payments-x', true],
    ['payments-*', 'payments', false],
    ['kube-*', 'kube-system', true],
  ])('%s matches %s: %s', (pattern, ns, expected) => {
    expect(namespaceMatches(pattern, ns)).toBe(expected);
  });

  it.each([
    ['payments-batch', 'payments-*', true],
    ['payments-b*', 'payments-*', true],
    ['payments-*', 'payments-b*', false],
    ['payments', 'payments-*', false],
    ['orders', 'payments-*', false],
  ])('%s within %s: %s', (inner, outer, expected) => {
    expect(patternWithin(inner, outer)).toBe(expected);
  });

  it.each([
    ['platform-*', 'platform-sre', true],
    ['platform-*', 'platform-sre-*', true],
    ['platform', 'platform-sre', false],
    ['a*', 'b*', false],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(patternsOverlap(a, b)).toBe(expected);
    expect(patternsOverlap(b, a)).toBe(expected);
  });
});

describe('TenancyRules', () => {
  it('finds teams by group reference and by project', () => {
    expect(rules.team('Payments')?.project).toBe('team-payments');
    expect(rules.team('group:default/nobody')).toBeUndefined();
    expect(rules.team('not a ref:::')).toBeUndefined();
    expect(rules.teamByProject('team-orders')?.group).toBe(
      'group:default/orders',
    );
    expect(rules.teamByProject('default')).toBeUndefined();
  });

  it('gives the platform every team and others their own', () => {
    expect(rules.teamsFor(['group:default/platform']).map(t => t.name)).toEqual(
      ['payments', 'orders', 'platform'],
    );
    expect(rules.teamsFor(['group:default/payments']).map(t => t.name)).toEqual(
      ['payments'],
    );
    expect(rules.teamsFor(['group:default/elsewhere'])).toEqual([]);
  });

  it('resolves a request inside the tenancy, deriving project, cluster and host', () => {
    const result = rules.check(payments, {
      namespace: 'payments-orders',
      ingress: { serviceName: 'orders-api', scheme: 'internet-facing' },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        team: payments,
        project: 'team-payments',
        cluster: 'eks',
        namespace: 'payments-orders',
        ingress: {
          host: 'orders-api.payments.apps.example.com',
          scheme: 'internet-facing',
          groupName: 'launchpad-payments-public',
          certificateArn: payments.ingress.certificateArn,
        },
      },
    });
    const internal = rules.check(payments, {
      namespace: 'payments',
      ingress: { serviceName: 'x', host: 'API.payments.apps.example.com' },
    });
    expect(internal.ok && internal.value.ingress).toMatchObject({
      host: 'api.payments.apps.example.com',
      scheme: 'internal',
      groupName: 'launchpad-payments',
    });
  });

  it.each([
    ['kube-system', "namespace 'kube-system' is reserved"],
    ['argocd', "namespace 'argocd' is reserved"],
    [
      'orders-x',
      "namespace 'orders-x' does not belong to group:default/payments (it is group:default/orders's)",
    ],
    [
      'elsewhere',
      "namespace 'elsewhere' does not belong to group:default/payments; group:default/payments may deploy to payments, payments-*",
    ],
    ['Payments', "namespace 'Payments' is not a Kubernetes namespace name"],
  ])('refuses namespace %s', (namespace, message) => {
    const [problem] = problems(payments, { namespace });
    expect(problem).toContain(message);
  });

  it('refuses another project and names the team’s', () => {
    expect(
      problems(payments, { namespace: 'payments', project: 'default' }),
    ).toEqual([
      "Argo CD project 'default' is not group:default/payments's: its services deploy with project 'team-payments'",
    ]);
    expect(
      problems(payments, { namespace: 'payments', project: 'team-orders' })[0],
    ).toContain("project 'team-orders' is not");
  });

  it('accepts any of the team’s clusters and refuses others', () => {
    const dr = rules.check(orders, { namespace: 'orders', cluster: 'eks-dr' });
    expect(dr.ok && dr.value.cluster).toBe('eks-dr');
    expect(
      problems(orders, { namespace: 'orders', cluster: 'prod-eu' }),
    ).toEqual([
      "cluster 'prod-eu' is not one of group:default/orders's clusters: eks, eks-dr",
    ]);
  });

  it('refuses a host outside the team’s domains and internet-facing where not allowed', () => {
    expect(
      problems(orders, {
        namespace: 'orders',
        ingress: {
          serviceName: 'x',
          host: 'x.payments.apps.example.com',
          scheme: 'internet-facing',
        },
      }),
    ).toEqual([
      "ingress host 'x.payments.apps.example.com' is not under group:default/orders's domains: *.orders.apps.example.com",
      'group:default/orders may not create internet-facing load balancers, only internal ones (launchpad.tenancy decides; ask the platform team)',
    ]);
    expect(
      problems(orders, {
        namespace: 'orders',
        ingress: { serviceName: 'x', host: 'orders.apps.example.com' },
      })[0],
    ).toContain('is not under');
  });

  it('narrows a team with Group annotations but never widens it', () => {
    const { team, ignored } = rules.narrow(
      orders,
      group('orders', {
        [TENANCY_ANNOTATIONS.namespaces]:
          'orders-batch, kube-system, orders-api-*',
        [TENANCY_ANNOTATIONS.clusters]: 'eks-dr,prod-eu',
        [TENANCY_ANNOTATIONS.internetFacing]: 'false',
      }),
    );
    expect(team.namespaces).toEqual(['orders-batch', 'orders-api-*']);
    expect(team.clusters).toEqual(['eks-dr']);
    expect(ignored).toEqual([
      "launchpad.dev/tenancy-namespaces names 'kube-system', which is outside the configured namespaces orders, orders-*",
      "launchpad.dev/tenancy-clusters names 'prod-eu', which is not one of the configured clusters eks, eks-dr",
    ]);
    expect(problems(team, { namespace: 'orders' })[0]).toContain(
      'may deploy to orders-batch, orders-api-*',
    );
    // An annotation cannot turn internet-facing on.
    const { team: narrowed } = rules.narrow(
      orders,
      group('orders', { [TENANCY_ANNOTATIONS.internetFacing]: 'true' }),
    );
    expect(narrowed.ingress.internetFacing).toBe(false);
    expect(rules.narrow(payments, undefined).team).toEqual(payments);
  });
});
