/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { permissionModuleLaunchpadPolicy } from './module';

const access = {
  platformGroups: ['group:default/platform'],
  templateRunners: ['group:default/payments'],
};

const ownership: Record<string, string[]> = {
  'user:default/sora-choi': [
    'user:default/sora-choi',
    'group:default/payments',
  ],
  'user:default/daniel-kang': ['user:default/daniel-kang'],
};

function features(launchpadAccess: {
  platformGroups: string[];
  templateRunners?: string[];
}) {
  return [
    permissionPlugin,
    permissionModuleLaunchpadPolicy,
    mockServices.rootConfig.factory({
      data: {
        permission: { enabled: true },
        launchpad: { access: launchpadAccess },
      },
    }),
    mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const userEntityRef = (credentials.principal as any).userEntityRef;
        return { userEntityRef, ownershipEntityRefs: ownership[userEntityRef] };
      },
    }).factory,
  ];
}

describe('permissionModuleLaunchpadPolicy', () => {
  it('answers the permission backend with the configured policy', async () => {
    const { server } = await startTestBackend({ features: features(access) });
    const ask = (user: string) =>
      request(server)
        .post('/api/permission/authorize')
        .set('authorization', mockCredentials.user.header(user))
        .send({
          items: [
            {
              id: 'create',
              permission: {
                type: 'basic',
                name: 'scaffolder.task.create',
                attributes: { action: 'create' },
              },
            },
          ],
        });

    const runner = await ask('user:default/sora-choi');
    expect(runner.status).toBe(200);
    expect(runner.body.items).toEqual([{ id: 'create', result: 'ALLOW' }]);

    const other = await ask('user:default/daniel-kang');
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([{ id: 'create', result: 'DENY' }]);
  });

  it('refuses to start on malformed config, naming the key', async () => {
    await expect(
      startTestBackend({
        features: features({ platformGroups: ['platform'] }),
      }),
    ).rejects.toThrow(
      /launchpad\.access\.platformGroups\[0\] is 'platform'.*write it as group:default\/platform/,
    );
  });
});
