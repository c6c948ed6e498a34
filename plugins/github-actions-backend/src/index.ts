/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Backend of the CI card: `GET /api/github-actions/entities/:namespace/:kind/:name/runs`.
 *
 * @packageDocumentation
 */

export { githubActionsPlugin as default } from './plugin';
export { createRouter } from './service/router';
export type { RouterOptions } from './service/router';
