/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import { CiRunsResponse } from '@internal/plugin-github-actions-common';

/**
 * Reads an entity's GitHub Actions runs from the portal backend. The browser
 * never talks to GitHub itself: the backend holds the credentials.
 *
 * @public
 */
export interface GithubActionsApi {
  /**
   * The latest runs of the default branch, newest first. Rejects with a
   * `ResponseError` (from `@backstage/errors`) carrying the backend's error.
   */
  getRuns(
    entityRef: CompoundEntityRef,
    options?: { limit?: number; signal?: AbortSignal },
  ): Promise<CiRunsResponse>;
}

/** @public */
export const githubActionsApiRef = createApiRef<GithubActionsApi>().with({
  id: 'plugin.github-actions.api',
  pluginId: 'github-actions',
});
