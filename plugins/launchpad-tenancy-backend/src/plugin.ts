/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { tenancyServiceRef } from '@internal/plugin-launchpad-tenancy-node';
import { createRouter } from './router';

/**
 * The `launchpad-tenancy` backend plugin: `GET /api/launchpad-tenancy/v1/teams`,
 * the teams the signed-in user may create services for.
 */
export const launchpadTenancyPlugin = createBackendPlugin({
  pluginId: 'launchpad-tenancy',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        tenancy: tenancyServiceRef,
      },
      async init({ httpAuth, httpRouter, tenancy }) {
        httpRouter.use(await createRouter({ httpAuth, tenancy }));
      },
    });
  },
});
