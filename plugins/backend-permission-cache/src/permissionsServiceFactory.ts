/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ServerPermissionClient } from '@backstage/plugin-permission-node';
import { CachingPermissionsService } from './cachingPermissionsService';

/** Seconds a user's conditional decision is reused unless config says otherwise. */
export const DEFAULT_DECISION_CACHE_SECONDS = 5;

/**
 * Replaces the default permissions service factory of
 * `@backstage/backend-defaults` (the same `ServerPermissionClient`, built the
 * same way) with one that caches users' conditional decisions for
 * `permission.conditionalDecisionCacheSeconds` (default 5; 0 turns it off).
 */
export const cachingPermissionsServiceFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {
    auth: coreServices.auth,
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
  },
  async factory({ auth, config, discovery }) {
    const seconds =
      config.getOptionalNumber('permission.conditionalDecisionCacheSeconds') ??
      DEFAULT_DECISION_CACHE_SECONDS;
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > 60) {
      throw new InputError(
        `permission.conditionalDecisionCacheSeconds must be between 0 and 60, got ${seconds}`,
      );
    }
    const client = ServerPermissionClient.fromConfig(config, {
      auth,
      discovery,
    });
    return new CachingPermissionsService(client, { ttlMs: seconds * 1000 });
  },
});
