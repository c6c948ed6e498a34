/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The scaffolder action `launchpad:tenancy:check`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleLaunchpadTenancy as default } from './module';
export { createTenancyCheckAction } from './actions/checkTenancy';
