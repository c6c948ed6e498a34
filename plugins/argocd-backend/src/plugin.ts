/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readArgoCdConfig } from '@internal/plugin-argocd-node';
import { createRouter } from './service/router';

/**
 * The `argocd` backend plugin: serves the Argo CD status of catalog entities
 * to the Argo CD card, using the server-side `argocd.instances` tokens.
 *
 * @public
 */
export const argocdPlugin = createBackendPlugin({
  pluginId: 'argocd',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, httpAuth, auth, httpRouter, catalog }) {
        const argoCd = readArgoCdConfig(config);
        if (argoCd.instances.length === 0) {
          logger.warn(
            'No Argo CD instance is configured (argocd.instances); the Argo CD card will report Argo CD as unavailable.',
          );
        }
        httpRouter.use(
          await createRouter({ logger, httpAuth, auth, catalog, argoCd }),
        );
      },
    });
  },
});
