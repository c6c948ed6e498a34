/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderServiceRef } from '@backstage/plugin-scaffolder-node';
import { createCreateFastApiServiceAction } from './actions/createFastApiService';
import { createDryRunFastApiServiceAction } from './actions/dryRunFastApiService';
import { createGetDeploymentStatusAction } from './actions/getDeploymentStatus';
import { createGetEntityOverviewAction } from './actions/getEntityOverview';
import { createGetTemplateTaskAction } from './actions/getTemplateTask';
import { createPluginFetch } from './lib/pluginFetch';

/**
 * The `launchpad` backend plugin: registers Launchpad's golden-path actions
 * (`launchpad:*`) in the actions registry, where the MCP actions backend
 * serves them to AI assistants. Every action runs with the caller's
 * credentials and is audited with the caller's entity ref.
 *
 * @public
 */
export const launchpadActionsPlugin = createBackendPlugin({
  pluginId: 'launchpad',
  register(env) {
    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        scaffolder: scaffolderServiceRef,
      },
      async init({
        actionsRegistry,
        auditor,
        auth,
        catalog,
        config,
        discovery,
        scaffolder,
      }) {
        const appBaseUrl = config.getString('app.baseUrl');
        const pluginFetch = createPluginFetch({ auth, discovery });
        createGetEntityOverviewAction({
          actionsRegistry,
          catalog,
          auth,
          auditor,
          appBaseUrl,
        });
        createGetDeploymentStatusAction({
          actionsRegistry,
          catalog,
          auth,
          auditor,
          pluginFetch,
        });
        createCreateFastApiServiceAction({
          actionsRegistry,
          pluginFetch,
          auditor,
          appBaseUrl,
        });
        createDryRunFastApiServiceAction({
          actionsRegistry,
          catalog,
          auth,
          scaffolder,
          auditor,
        });
        createGetTemplateTaskAction({
          actionsRegistry,
          scaffolder,
          auditor,
          appBaseUrl,
        });
      },
    });
  },
});
