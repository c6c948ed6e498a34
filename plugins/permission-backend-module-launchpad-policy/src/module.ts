/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readLaunchpadAccessConfig } from './config';
import { LaunchpadPermissionPolicy } from './policy';

/**
 * Installs Launchpad's config-driven permission policy (launchpad.access) in
 * the permission backend. Refuses to start on malformed config.
 */
export const permissionModuleLaunchpadPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'launchpad-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const access = readLaunchpadAccessConfig(config);
        logger.info(
          `Launchpad permission policy: platform groups ${access.platformGroups.join(
            ', ',
          )}; template runners ${
            access.templateRunners.join(', ') || '(none)'
          }`,
        );
        policy.setPolicy(new LaunchpadPermissionPolicy({ access, userInfo }));
      },
    });
  },
});
