/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techdocsGeneratorExtensionPoint } from '@backstage/plugin-techdocs-node';
import { GuardedTechdocsGenerator } from './generator';

/**
 * Replaces the TechDocs generator with one that checks mkdocs.yml first.
 * Only matters where the backend builds docs itself (`techdocs.builder:
 * local`); with `external` the docs are built in CI and never run here.
 */
export const techdocsModuleGuard = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'guard',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        generator: techdocsGeneratorExtensionPoint,
      },
      async init({ config, logger, generator }) {
        generator.setTechdocsGenerator(
          GuardedTechdocsGenerator.fromConfig(config, { logger }),
        );
      },
    });
  },
});
