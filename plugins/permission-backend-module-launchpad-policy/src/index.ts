/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Launchpad's permission policy, driven by `launchpad.access` in app-config.
 *
 * @packageDocumentation
 */
export { permissionModuleLaunchpadPolicy as default } from './module';
export { readLaunchpadAccessConfig } from './config';
export type { LaunchpadAccessConfig } from './config';
export {
  LaunchpadPermissionPolicy,
  TEMPLATE_AUDIENCE_ANNOTATION,
  decide,
} from './policy';
export type { AccessSubject } from './policy';
