/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ArgoCdApi } from './ArgoCdApi';
import { ArgoCdEntityStatus } from '@internal/plugin-argocd-common';

/** {@link ArgoCdApi} over the `argocd` backend plugin. @public */
export class ArgoCdClient implements ArgoCdApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityStatus(
    entityRef: CompoundEntityRef,
    options: { signal?: AbortSignal } = {},
  ): Promise<ArgoCdEntityStatus> {
    const baseUrl = await this.discoveryApi.getBaseUrl('argocd');
    const path = [entityRef.namespace, entityRef.kind, entityRef.name]
      .map(encodeURIComponent)
      .join('/');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/entities/${path}/status`,
      { signal: options.signal, cache: 'no-store' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as ArgoCdEntityStatus;
  }
}
