/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Router options the plugin does not expose: the time limit for one read
// (a hanging GitHub must not hang the card).

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { delay, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { component } from '../__testUtils__/fixtures';
import { createRouter } from './router';

const API = 'https://ghe.slow.example.test/api/v3';

const worker = setupServer(
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//, () =>
    passthrough(),
  ),
  http.get(`${API}/repos/acme/slow`, async () => {
    await delay('infinite');
  }),
);
registerMswTestHooks(worker);

it('answers 503 "unavailable" when GitHub does not answer in time', async () => {
  const plugin = createBackendPlugin({
    pluginId: 'github-actions',
    register(env) {
      env.registerInit({
        deps: {
          logger: coreServices.logger,
          auth: coreServices.auth,
          httpAuth: coreServices.httpAuth,
          httpRouter: coreServices.httpRouter,
          catalog: catalogServiceRef,
        },
        async init({ logger, auth, httpAuth, httpRouter, catalog }) {
          httpRouter.use(
            await createRouter({
              logger,
              auth,
              httpAuth,
              catalog,
              integrations: ScmIntegrations.fromConfig(
                new ConfigReader({
                  integrations: {
                    github: [
                      {
                        host: 'ghe.slow.example.test',
                        apiBaseUrl: API,
                        token: 't0k3n',
                      },
                    ],
                  },
                }),
              ),
              timeoutMs: 300,
            }),
          );
        },
      });
    },
  });
  const catalog = catalogServiceMock.factory({
    entities: [
      component('slow', {
        'github.com/project-slug': 'acme/slow',
        'backstage.io/source-location':
          'url:https://ghe.slow.example.test/acme/slow',
      }),
    ],
  });
  const { server } = await startTestBackend({
    features: [
      plugin,
      catalog,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });

  const started = Date.now();
  const res = await request(server)
    .get('/api/github-actions/entities/default/component/slow/runs')
    .set('Authorization', mockCredentials.user.header());
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(res.status).toBe(503);
  expect(res.body.error.message).toBe(
    'GitHub (ghe.slow.example.test) is unavailable: no answer within 0.3 s',
  );
});
