/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export { argoCdApiRef } from './ArgoCdApi';
export type { ArgoCdApi } from './ArgoCdApi';
export { ArgoCdClient } from './ArgoCdClient';
export type {
  ArgoCdDeployment,
  ArgoCdEntityStatus,
} from '@internal/plugin-argocd-common';
