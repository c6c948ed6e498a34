/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createGithubActionsConfigureAction } from './actions/configureActions';
import { readRepositoryCiSettings } from './settings';

/** Adds the `github:actions:configure` action to the scaffolder. */
export const scaffolderModuleRepositoryCi = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'repository-ci',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createGithubActionsConfigureAction({
            integrations,
            settings: readRepositoryCiSettings(config),
            githubCredentialsProvider:
              DefaultGithubCredentialsProvider.fromIntegrations(integrations),
          }),
        );
      },
    });
  },
});
