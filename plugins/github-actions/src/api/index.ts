/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export { githubActionsApiRef } from './GithubActionsApi';
export type { GithubActionsApi } from './GithubActionsApi';
export { GithubActionsClient } from './GithubActionsClient';
