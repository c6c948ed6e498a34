/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createFastapiOpenApiWriteAction } from './actions/writeOpenApi';

/** Adds the `fastapi:openapi:write` action to the scaffolder. */
export const scaffolderModuleFastapi = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fastapi',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createFastapiOpenApiWriteAction({
            python:
              config.getOptionalString('launchpad.fastapi.python') ?? 'python3',
          }),
        );
      },
    });
  },
});
