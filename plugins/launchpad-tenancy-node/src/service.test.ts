/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultTenancyService,
  TenancyService,
  tenancyServiceRef,
} from './service';
import {
  group,
  tenancyConfig,
  tenancyData,
  user,
} from './__testUtils__/config';

const entities = [
  user('sora', ['payments']),
  user('minji', ['platform']),
  user('nobody', []),
  group('payments'),
  group('orders', { 'launchpad.dev/tenancy-namespaces': 'orders-*' }),
  group('platform'),
];

function service(config = tenancyConfig()) {
  return DefaultTenancyService.create({
    config,
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
}

describe('DefaultTenancyService', () => {
  const tenancy = service();

  it('lists a member’s own teams and every team for the platform', async () => {
    const sora = await tenancy.teamsForUser('user:default/sora');
    expect(sora.platform).toBe(false);
    expect(sora.teams.map(t => t.group)).toEqual(['group:default/payments']);
    const minji = await tenancy.teamsForUser('user:default/minji');
    expect(minji.platform).toBe(true);
    expect(minji.teams.map(t => t.group)).toEqual([
      'group:default/payments',
      'group:default/orders',
      'group:default/platform',
    ]);
    // With the Group's narrowing annotation applied.
    expect(minji.teams[1].namespaces).toEqual(['orders-*']);
    expect((await tenancy.teamsForUser('user:default/nobody')).teams).toEqual(
      [],
    );
  });

  it('lets a member deploy inside the team’s tenancy', async () => {
    const result = await tenancy.authorizeDeployment({
      userRef: 'user:default/sora',
      owner: 'group:default/payments',
      request: { namespace: 'payments-api' },
    });
    expect(result).toMatchObject({
      project: 'team-payments',
      cluster: 'eks',
      namespace: 'payments-api',
    });
  });

  it('refuses another team’s owner, naming the user’s own teams', async () => {
    await expect(
      tenancy.authorizeDeployment({
        userRef: 'user:default/sora',
        owner: 'group:default/orders',
        request: { namespace: 'orders' },
      }),
    ).rejects.toThrow(
      'user:default/sora is not a member of group:default/orders, so it cannot deploy for it. It may deploy for group:default/payments (platform groups group:default/platform may deploy for any team).',
    );
  });

  it('lets the platform deploy for any team, still inside that team’s namespaces', async () => {
    await expect(
      tenancy.authorizeDeployment({
        userRef: 'user:default/minji',
        owner: 'orders',
        request: { namespace: 'orders-web' },
      }),
    ).resolves.toMatchObject({ project: 'team-orders' });
    // orders is narrowed to orders-* by its annotation.
    await expect(
      tenancy.authorizeDeployment({
        userRef: 'user:default/minji',
        owner: 'orders',
        request: { namespace: 'orders' },
      }),
    ).rejects.toThrow(
      "Refused by the team tenancy rules: namespace 'orders' does not belong to group:default/orders; group:default/orders may deploy to orders-*",
    );
  });

  it('refuses a request without a user, a group that is not a team, and a missing Group', async () => {
    await expect(
      tenancy.authorizeDeployment({
        userRef: undefined,
        owner: 'payments',
        request: { namespace: 'payments' },
      }),
    ).rejects.toThrow(
      /Only a signed-in user can deploy for group:default\/payments/,
    );
    await expect(
      tenancy.authorizeDeployment({
        userRef: 'user:default/minji',
        owner: 'group:default/marketing',
        request: { namespace: 'marketing' },
      }),
    ).rejects.toThrow(
      'group:default/marketing is not a team in launchpad.tenancy, so nothing can be deployed for it. Teams: group:default/payments, group:default/orders, group:default/platform.',
    );
    await expect(
      tenancy.authorizeDeployment({
        userRef: 'user:default/minji',
        owner: 'user:default/sora',
        request: { namespace: 'payments' },
      }),
    ).rejects.toThrow(/is not a Group; pick one of the teams/);
    const withGhost = service(
      tenancyConfig({
        teams: [...tenancyData.launchpad.tenancy.teams, { group: 'ghosts' }],
      }),
    );
    await expect(
      withGhost.authorizeDeployment({
        userRef: 'user:default/minji',
        owner: 'ghosts',
        request: { namespace: 'ghosts' },
      }),
    ).rejects.toThrow(
      /group:default\/ghosts is configured in launchpad.tenancy but is not in the catalog/,
    );
  });

  it('checks an Argo CD Application by its project', async () => {
    await expect(
      tenancy.authorizeApplication({
        userRef: 'user:default/sora',
        project: 'team-payments',
        destinationName: 'eks',
        namespace: 'payments',
      }),
    ).resolves.toMatchObject({ cluster: 'eks' });
    await expect(
      tenancy.authorizeApplication({
        userRef: 'user:default/sora',
        project: 'default',
        destinationName: 'eks',
        namespace: 'payments',
      }),
    ).rejects.toThrow(
      "Argo CD project 'default' is not a team's project in launchpad.tenancy, so no Application may be created in it. Team projects: team-payments (group:default/payments), team-orders (group:default/orders), team-platform (group:default/platform).",
    );
    await expect(
      tenancy.authorizeApplication({
        userRef: 'user:default/sora',
        project: 'team-orders',
        destinationName: 'eks',
        namespace: 'orders',
      }),
    ).rejects.toThrow(/is not a member of group:default\/orders/);
    await expect(
      tenancy.authorizeApplication({
        userRef: 'user:default/sora',
        project: 'team-payments',
        destinationName: 'eks',
        namespace: 'kube-system',
      }),
    ).rejects.toThrow(/namespace 'kube-system' is reserved/);
    await expect(
      tenancy.authorizeApplication({
        userRef: 'user:default/sora',
        project: 'team-payments',
        destinationServer: 'https://kubernetes.default.svc',
        namespace: 'payments',
      }),
    ).rejects.toThrow(
      /set destinationName to one of group:default\/payments's clusters \(eks\)/,
    );
  });

  it('refuses everything while launchpad.tenancy is not configured', async () => {
    const unconfigured = DefaultTenancyService.create({
      config: mockServices.rootConfig({ data: {} }),
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(unconfigured.rules).toBeUndefined();
    await expect(
      unconfigured.authorizeDeployment({
        userRef: 'user:default/minji',
        owner: 'payments',
        request: { namespace: 'payments' },
      }),
    ).rejects.toThrow(/Team tenancy is not configured/);
  });

  it('is available to plugins through tenancyServiceRef, reading the catalog', async () => {
    let seen: TenancyService | undefined;
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: { tenancy: tenancyServiceRef, logger: coreServices.logger },
          async init({ tenancy: t }) {
            seen = t;
          },
        });
      },
    });
    await startTestBackend({
      features: [
        probe,
        mockServices.rootConfig.factory({ data: tenancyData }),
        catalogServiceMock.factory({ entities }),
      ],
    });
    const teams = await seen!.teamsForUser('user:default/sora');
    expect(teams.teams.map(t => t.project)).toEqual(['team-payments']);
  });

  it('stops the backend from starting with invalid tenancy rules', async () => {
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: { tenancy: tenancyServiceRef },
          async init() {},
        });
      },
    });
    await expect(
      startTestBackend({
        features: [
          probe,
          mockServices.rootConfig.factory({
            data: {
              launchpad: {
                tenancy: { ...tenancyData.launchpad.tenancy, sourceRepos: [] },
              },
            },
          }),
          catalogServiceMock.factory({ entities }),
        ],
      }),
    ).rejects.toThrow(
      /Invalid team tenancy configuration: launchpad.tenancy.sourceRepos/,
    );
  });
});
