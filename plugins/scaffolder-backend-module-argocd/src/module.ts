/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { tenancyServiceRef } from '@internal/plugin-launchpad-tenancy-node';
import { createArgoCdCreateApplicationAction } from './actions/createApplication';
import { createArgoCdWaitForApplicationAction } from './actions/waitForApplication';
import { createArgoCdCheckApplicationAvailableAction } from './actions/checkApplicationAvailable';

/**
 * Adds the `argocd:app:create`, `argocd:app:wait` and `argocd:app:checkAvailable`
 * actions to the scaffolder.
 */
export const scaffolderModuleArgoCd = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'argocd',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        tenancy: tenancyServiceRef,
      },
      async init({ scaffolder, config, logger, tenancy }) {
        scaffolder.addActions(
          createArgoCdCreateApplicationAction({ config, tenancy }),
          createArgoCdWaitForApplicationAction({ config }),
          createArgoCdCheckApplicationAvailableAction({ config }),
        );
        const instances =
          config.getOptionalConfigArray('argocd.instances') ?? [];
        if (instances.length === 0) {
          logger.warn(
            'No Argo CD instance configured (argocd.instances); argocd:app:create and argocd:app:wait will fail until one is added.',
          );
        } else {
          logger.info(
            `Argo CD actions registered for instances: ${instances
              .map(i => i.getString('name'))
              .join(', ')}`,
          );
        }
      },
    });
  },
});
