/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Shared by the GitHub Actions CI card (`@internal/plugin-github-actions`)
 * and its backend (`@internal/plugin-github-actions-backend`).
 *
 * @packageDocumentation
 */

export {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  parseProjectSlug,
} from './projectSlug';
export type { ProjectSlug } from './projectSlug';
export type { CiRun, CiRunsResponse } from './types';
