/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { launchpadTenancyPlugin } from './plugin';

const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});
const group = (name: string, annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    ...(annotations ? { annotations } : {}),
  },
  spec: { type: 'team', children: [] },
});

async function start(data: object) {
  const { server } = await startTestBackend({
    features: [
      launchpadTenancyPlugin,
      mockServices.rootConfig.factory({ data }),
      // No header means no credentials, as in the real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({
        entities: [
          user('sora', ['payments']),
          user('minji', ['platform']),
          user('olivia', []),
          group('platform'),
          group('payments', {
            'launchpad.dev/tenancy-namespaces': 'payments-*',
          }),
        ],
      }),
    ],
  });
  return server;
}

const config = {
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
      ],
    },
  },
};

describe('GET /api/launchpad-tenancy/v1/teams', () => {
  it("lists only a member's own teams, narrowed by the Group's annotation", async () => {
    const server = await start(config);
    const res = await request(server)
      .get('/api/launchpad-tenancy/v1/teams')
      .set('authorization', mockCredentials.user.header('user:default/sora'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      platform: false,
      items: [
        {
          group: 'group:default/payments',
          name: 'payments',
          project: 'team-payments',
          clusters: ['eks'],
          namespaces: ['payments-*'],
          ingress: {
            domains: ['payments.apps.example.com'],
            internetFacing: false,
          },
        },
      ],
    });
  });

  it('lists every team for a platform member and none for a user in no team', async () => {
    const server = await start(config);
    const minji = await request(server)
      .get('/api/launchpad-tenancy/v1/teams')
      .set('authorization', mockCredentials.user.header('user:default/minji'));
    expect(minji.body.platform).toBe(true);
    expect(minji.body.items.map((t: { name: string }) => t.name)).toEqual([
      'platform',
      'payments',
    ]);
    const olivia = await request(server)
      .get('/api/launchpad-tenancy/v1/teams')
      .set('authorization', mockCredentials.user.header('user:default/olivia'));
    expect(olivia.body).toEqual({ platform: false, items: [] });
  });

  it('answers only signed-in users', async () => {
    const server = await start(config);
    const anonymous = await request(server).get(
      '/api/launchpad-tenancy/v1/teams',
    );
    expect(anonymous.status).toBe(401);
    const service = await request(server)
      .get('/api/launchpad-tenancy/v1/teams')
      .set('authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });

  it('says that tenancy is not configured', async () => {
    const server = await start({});
    const res = await request(server)
      .get('/api/launchpad-tenancy/v1/teams')
      .set('authorization', mockCredentials.user.header('user:default/sora'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Team tenancy is not configured/);
  });
});
