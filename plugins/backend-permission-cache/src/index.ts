/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The permissions service with a short-lived cache of users' conditional
 * decisions.
 *
 * @packageDocumentation
 */
export {
  CachingPermissionsService,
  type CachingPermissionsOptions,
} from './cachingPermissionsService';
export {
  cachingPermissionsServiceFactory,
  DEFAULT_DECISION_CACHE_SECONDS,
} from './permissionsServiceFactory';
