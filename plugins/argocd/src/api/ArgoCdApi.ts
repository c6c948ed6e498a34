/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import { ArgoCdEntityStatus } from '@internal/plugin-argocd-common';

/**
 * Reads an entity's Argo CD status from the portal backend. The browser never
 * talks to Argo CD itself: the backend holds the token.
 *
 * @public
 */
export interface ArgoCdApi {
  /**
   * Rejects with a `ResponseError` (from `@backstage/errors`) carrying the
   * backend's error when the status cannot be read.
   */
  getEntityStatus(
    entityRef: CompoundEntityRef,
    options?: { signal?: AbortSignal },
  ): Promise<ArgoCdEntityStatus>;
}

/** @public */
export const argoCdApiRef = createApiRef<ArgoCdApi>().with({
  id: 'plugin.argocd.api',
  pluginId: 'argocd',
});
