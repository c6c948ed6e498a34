/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Scaffolder action `github:repo:checkAvailable`: refuses an unknown owner or
 * an existing repository before a template creates anything.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGithubPreflight as default } from './module';
export { createGithubRepoCheckAvailableAction } from './actions/checkRepoAvailable';
export type { CheckRepoAvailableRetryOptions } from './actions/checkRepoAvailable';
