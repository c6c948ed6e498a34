/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { tenancyServiceRef } from '@internal/plugin-launchpad-tenancy-node';
import { createTenancyCheckAction } from './actions/checkTenancy';

/** Adds `launchpad:tenancy:check` to the scaffolder. */
export const scaffolderModuleLaunchpadTenancy = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'launchpad-tenancy',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        tenancy: tenancyServiceRef,
      },
      async init({ scaffolder, tenancy }) {
        scaffolder.addActions(createTenancyCheckAction({ tenancy }));
      },
    });
  },
});
