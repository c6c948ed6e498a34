/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { CiRunsResponse } from '@internal/plugin-github-actions-common';
import { GithubActionsApi } from './GithubActionsApi';

/** {@link GithubActionsApi} over the `github-actions` backend plugin. @public */
export class GithubActionsClient implements GithubActionsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getRuns(
    entityRef: CompoundEntityRef,
    options: { limit?: number; signal?: AbortSignal } = {},
  ): Promise<CiRunsResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('github-actions');
    const path = [entityRef.namespace, entityRef.kind, entityRef.name]
      .map(encodeURIComponent)
      .join('/');
    const query = options.limit ? `?limit=${options.limit}` : '';
    const response = await this.fetchApi.fetch(
      `${baseUrl}/entities/${path}/runs${query}`,
      { signal: options.signal, cache: 'no-store' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as CiRunsResponse;
  }
}
