/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Router options the plugin does not expose: the time limit for one status
 * read (a hanging Argo CD must not hang the card).
 */

import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { delay, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { createRouter } from './router';
import { component } from '../__testUtils__/fixtures';

const ARGOCD = 'https://argocd.slow.example.test';

const worker = setupServer(
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//, () =>
    passthrough(),
  ),
  http.get(`${ARGOCD}/api/v1/applications`, async () => {
    await delay('infinite');
  }),
);
registerMswTestHooks(worker);

it('answers 503 "unavailable" when Argo CD does not answer in time', async () => {
  const plugin = createBackendPlugin({
    pluginId: 'argocd',
    register(env) {
      env.registerInit({
        deps: {
          logger: coreServices.logger,
          httpAuth: coreServices.httpAuth,
          httpRouter: coreServices.httpRouter,
          catalog: catalogServiceRef,
        },
        async init({ logger, httpAuth, httpRouter, catalog }) {
          httpRouter.use(
            await createRouter({
              logger,
              httpAuth,
              catalog,
              argoCd: {
                instances: [
                  { name: 'slow', url: ARGOCD, uiUrl: ARGOCD, token: 't0k3n' },
                ],
                waitDefaults: { intervalSeconds: 5, timeoutSeconds: 600 },
              },
              timeoutMs: 300,
            }),
          );
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      plugin,
      catalogServiceMock.factory({
        entities: [component('shop-api', { 'argocd/app-name': 'shop-api' })],
      }),
    ],
  });

  const started = Date.now();
  const res = await request(server)
    .get('/api/argocd/entities/default/component/shop-api/status')
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(503);
  expect(res.body.error.message).toBe(
    'Argo CD is unavailable: Argo CD instance "slow" did not answer within 0.3 s',
  );
  expect(Date.now() - started).toBeLessThan(5_000);
});
