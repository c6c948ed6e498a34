/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './service/router';

/**
 * The `github-actions` backend plugin: serves the GitHub Actions runs of
 * catalog entities to the CI card, with the `integrations.github`
 * credentials, for callers the catalog lets read the entity.
 *
 * @public
 */
export const githubActionsPlugin = createBackendPlugin({
  pluginId: 'github-actions',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, auth, httpAuth, httpRouter, catalog }) {
        httpRouter.use(
          await createRouter({
            logger,
            auth,
            httpAuth,
            catalog,
            integrations: ScmIntegrations.fromConfig(config),
          }),
        );
      },
    });
  },
});
