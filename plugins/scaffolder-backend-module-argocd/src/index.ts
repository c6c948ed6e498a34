/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Scaffolder actions for Argo CD: `argocd:app:create`, `argocd:app:wait` and
 * `argocd:app:checkAvailable`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleArgoCd as default } from './module';
export { createArgoCdCreateApplicationAction } from './actions/createApplication';
export { createArgoCdWaitForApplicationAction } from './actions/waitForApplication';
export { createArgoCdCheckApplicationAvailableAction } from './actions/checkApplicationAvailable';
export { ArgoCdClient } from './client/ArgoCdClient';
export type {
  ArgoCdClientOptions,
  ArgoCdRetryOptions,
} from './client/ArgoCdClient';
export type * from './client/types';
export { readArgoCdConfig } from './config';
export type { ArgoCdInstanceConfig, ArgoCdModuleConfig } from './config';
