/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { launchpadActionsPlugin } from './plugin';

describe('launchpadActionsPlugin', () => {
  it('registers its actions as launchpad:* in the actions registry', async () => {
    const { server } = await startTestBackend({
      features: [
        launchpadActionsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/launchpad/.backstage/actions/v1/actions')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/sora-choi'),
      );
    expect(res.status).toBe(200);
    expect(
      res.body.actions.map((a: { id: string; attributes: object }) => [
        a.id,
        a.attributes,
      ]),
    ).toEqual([
      [
        'launchpad:get-entity-overview',
        { readOnly: true, destructive: false, idempotent: true },
      ],
      [
        'launchpad:get-deployment-status',
        { readOnly: true, destructive: false, idempotent: true },
      ],
      [
        'launchpad:create-fastapi-service',
        { readOnly: false, destructive: false, idempotent: false },
      ],
      [
        'launchpad:dry-run-fastapi-service',
        { readOnly: true, destructive: false, idempotent: true },
      ],
      [
        'launchpad:get-template-task',
        { readOnly: true, destructive: false, idempotent: true },
      ],
    ]);
  });

  it('invokes an action over the registry API with the caller and the catalog', async () => {
    const { server } = await startTestBackend({
      features: [
        launchpadActionsPlugin,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'orders-api', namespace: 'default' },
              spec: { owner: 'group:default/payments' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });
    const invoke = (entityRef: string) =>
      request(server)
        .post(
          '/api/launchpad/.backstage/actions/v1/actions/launchpad:get-entity-overview/invoke',
        )
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/sora-choi'),
        )
        .send({ entityRef });
    const found = await invoke('orders-api');
    expect(found.status).toBe(200);
    expect(found.body.output).toMatchObject({
      entityRef: 'component:default/orders-api',
      owner: { entityRef: 'group:default/payments' },
      catalogUrl: 'http://localhost:3000/catalog/default/component/orders-api',
    });
    const missing = await invoke('component:default/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/nope in the catalog',
    });
  });
});
