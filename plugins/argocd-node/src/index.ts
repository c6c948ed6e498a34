/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Argo CD REST client and the `argocd` config reader, shared by the
 * scaffolder actions (`@internal/plugin-scaffolder-backend-module-argocd`) and
 * the status card's backend (`@internal/plugin-argocd-backend`).
 *
 * @packageDocumentation
 */

export { ArgoCdClient } from './client/ArgoCdClient';
export type {
  ArgoCdClientOptions,
  ArgoCdRequestOptions,
  ArgoCdRetryOptions,
} from './client/ArgoCdClient';
export { readArgoCdConfig, selectArgoCdInstance } from './config';
export type { ArgoCdInstanceConfig, ArgoCdModuleConfig } from './config';
