/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Backend of the Argo CD status card: `GET /api/argocd/entities/:namespace/:kind/:name/status`.
 *
 * @packageDocumentation
 */

export { argocdPlugin as default } from './plugin';
export { createRouter } from './service/router';
export type { RouterOptions } from './service/router';
