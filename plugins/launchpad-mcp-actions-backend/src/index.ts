/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Launchpad's actions in the actions registry, served to AI assistants by
 * `@backstage/plugin-mcp-actions-backend`.
 *
 * @packageDocumentation
 */

export { launchpadActionsPlugin as default } from './plugin';
export { FASTAPI_TEMPLATE_REF } from './lib/fastApiValues';
