/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * CI for entity pages (new frontend system): the latest GitHub Actions runs
 * of the default branch on the overview, and a CI tab.
 *
 * @packageDocumentation
 */

export { githubActionsPlugin as default } from './plugin';
export * from './api';
