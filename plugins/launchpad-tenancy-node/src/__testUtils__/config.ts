/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';

/** Two teams on the default rule; payments may be internet-facing. */
export const tenancyData = {
  launchpad: {
    access: { platformGroups: ['group:default/platform'] },
    tenancy: {
      sourceRepos: ['https://github.com/acme/*'],
      defaults: {
        project: 'team-{group}',
        clusters: ['eks'],
        namespaces: ['{group}', '{group}-*'],
        ingress: {
          domains: ['{group}.apps.example.com'],
          certificateArn:
            'arn:aws:acm:ap-northeast-2:123456789012:certificate/0c1d2e3f-aaaa-bbbb-cccc-000000000001',
        },
      },
      teams: [
        { group: 'group:default/payments', ingress: { internetFacing: true } },
        { group: 'orders', clusters: ['eks', 'eks-dr'] },
        { group: 'group:default/platform' },
      ],
    },
  },
};

export function tenancyConfig(overrides: Record<string, unknown> = {}) {
  return new ConfigReader({
    launchpad: {
      ...tenancyData.launchpad,
      tenancy: { ...tenancyData.launchpad.tenancy, ...overrides },
    },
  });
}

export function user(name: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}

export function group(
  name: string,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec: { type: 'team', children: [] },
  };
}
