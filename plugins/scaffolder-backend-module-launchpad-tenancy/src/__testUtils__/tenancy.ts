/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DefaultTenancyService } from '@internal/plugin-launchpad-tenancy-node';

/** The sandbox's shape: platform and payments on the default rule. */
export const tenancyData = {
  launchpad: {
    access: { platformGroups: ['group:default/platform'] },
    tenancy: {
      sourceRepos: ['https://github.com/acme/*'],
      defaults: {
        clusters: ['eks'],
        ingress: { domains: ['{group}.apps.example.com'] },
      },
      teams: [
        { group: 'platform', ingress: { internetFacing: true } },
        { group: 'payments' },
        { group: 'orders' },
      ],
    },
  },
};

const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

export const entities = [
  user('sora', ['payments']),
  user('minji', ['platform']),
  group('platform'),
  group('payments'),
  group('orders'),
];

export function tenancyService() {
  return DefaultTenancyService.create({
    config: mockServices.rootConfig({ data: tenancyData }),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
}
