/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Backend of Launchpad's team tenancy.
 *
 * @packageDocumentation
 */
export { launchpadTenancyPlugin as default } from './plugin';
export type { TeamResponse, TeamsResponse } from './router';
