/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Scaffolder action `github:actions:configure`: the GitHub Actions variables
 * and secrets a new repository's CI needs, from portal config.
 *
 * @packageDocumentation
 */

export { scaffolderModuleRepositoryCi as default } from './module';
export { createGithubActionsConfigureAction } from './actions/configureActions';
export { readRepositoryCiSettings } from './settings';
export type { RepositoryCiSettings } from './settings';
