/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import { normalizeGroupRef, readTenancyConfig } from './config';
import { tenancyConfig } from './__testUtils__/config';

describe('readTenancyConfig', () => {
  it('is undefined without launchpad.tenancy', () => {
    expect(readTenancyConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('expands the default rule for every team and keeps team overrides', () => {
    const tenancy = readTenancyConfig(tenancyConfig())!;
    expect(tenancy.platformGroups).toEqual(['group:default/platform']);
    expect(tenancy.sourceRepos).toEqual(['https://github.com/acme/*']);
    expect(tenancy.reservedNamespaces).toEqual(
      expect.arrayContaining(['kube-*', 'default', 'argocd', 'launchpad']),
    );
    expect(tenancy.teams.map(t => t.group)).toEqual([
      'group:default/payments',
      'group:default/orders',
      'group:default/platform',
    ]);
    const [payments, orders] = tenancy.teams;
    expect(payments).toEqual({
      group: 'group:default/payments',
      name: 'payments',
      project: 'team-payments',
      clusters: ['eks'],
      namespaces: ['payments', 'payments-*'],
      ingress: {
        domains: ['payments.apps.example.com'],
        internetFacing: true,
        certificateArn:
          'arn:aws:acm:ap-northeast-2:123456789012:certificate/0c1d2e3f-aaaa-bbbb-cccc-000000000001',
        groupName: 'launchpad-payments',
        publicGroupName: 'launchpad-payments-public',
      },
    });
    expect(orders.clusters).toEqual(['eks', 'eks-dr']);
    expect(orders.ingress.internetFacing).toBe(false);
  });

  it('uses the built-in project and namespaces when the config leaves them out', () => {
    const tenancy = readTenancyConfig(
      tenancyConfig({
        defaults: {
          clusters: ['eks'],
          ingress: { domains: ['{group}.example.com'] },
        },
        teams: [{ group: 'payments' }],
      }),
    )!;
    expect(tenancy.teams[0]).toMatchObject({
      project: 'team-payments',
      namespaces: ['payments', 'payments-*'],
      ingress: { groupName: 'launchpad-payments', internetFacing: false },
    });
    expect(tenancy.teams[0].ingress.certificateArn).toBeUndefined();
  });

  it.each([
    [
      'a team on another team’s namespaces',
      {
        teams: [
          { group: 'payments' },
          { group: 'pay', namespaces: ['payments-x'] },
        ],
      },
      "both own namespaces matching 'payments-*' and 'payments-x'",
    ],
    [
      'a namespace pattern that reaches kube-system',
      { teams: [{ group: 'kube', namespaces: ['kube-*'] }] },
      "namespace 'kube-*' overlaps the reserved namespace 'kube-*'",
    ],
    [
      'the argocd namespace',
      { teams: [{ group: 'platform', namespaces: ['argocd'] }] },
      "overlaps the reserved namespace 'argocd'",
    ],
    [
      'a configured reserved namespace',
      {
        reservedNamespaces: ['monitoring'],
        teams: [{ group: 'ops', namespaces: ['mon*'] }],
      },
      "overlaps the reserved namespace 'monitoring'",
    ],
    [
      'the default project',
      { teams: [{ group: 'payments', project: 'default' }] },
      "project must not be 'default'",
    ],
    [
      'a shared project',
      {
        teams: [
          { group: 'a', project: 'shared' },
          { group: 'b', project: 'shared' },
        ],
      },
      "both use the project 'shared'",
    ],
    [
      'a parent domain of another team’s',
      {
        teams: [
          { group: 'payments', ingress: { domains: ['apps.example.com'] } },
          { group: 'orders' },
        ],
      },
      'share the ingress domain',
    ],
    [
      'no source repositories',
      { sourceRepos: [] },
      'sourceRepos must list the repositories',
    ],
    ['every repository', { sourceRepos: ['*'] }, "not '*'"],
    [
      'a user as a team',
      { teams: [{ group: 'user:default/minji' }] },
      'is not a Group entity reference',
    ],
    [
      'an invalid namespace',
      { teams: [{ group: 'payments', namespaces: ['Payments_Team'] }] },
      "namespace 'Payments_Team' is neither a namespace name nor a prefix",
    ],
    [
      'a bad certificate',
      { teams: [{ group: 'payments', ingress: { certificateArn: 'cert-1' } }] },
      "ingress.certificateArn 'cert-1' is not an ACM certificate ARN",
    ],
    ['no teams', { teams: [] }, 'teams must list at least one team'],
  ])('refuses %s', (_what, overrides, message) => {
    expect(() => readTenancyConfig(tenancyConfig(overrides))).toThrow(message);
  });

  it('refuses a team without clusters or domains, naming the key to set', () => {
    const config = new ConfigReader({
      launchpad: {
        tenancy: {
          sourceRepos: ['https://github.com/acme/*'],
          teams: [{ group: 'payments' }],
        },
      },
    });
    expect(() => readTenancyConfig(config)).toThrow(
      /payments\): no clusters; set launchpad\.tenancy\.defaults\.clusters.*ingress\.domains must list at least one domain/,
    );
  });

  it('lists every problem at once', () => {
    const read = () =>
      readTenancyConfig(
        tenancyConfig({
          sourceRepos: [],
          teams: [
            { group: 'payments', project: 'default', namespaces: ['argocd'] },
          ],
        }),
      );
    expect(read).toThrow(
      /sourceRepos must list.*project must not be 'default'.*reserved namespace 'argocd'/,
    );
  });
});

describe('normalizeGroupRef', () => {
  it.each([
    ['payments', 'group:default/payments'],
    ['Group:Default/Payments', 'group:default/payments'],
    ['group:other/ops', 'group:other/ops'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeGroupRef(input)).toBe(expected);
  });
});
