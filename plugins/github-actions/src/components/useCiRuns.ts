/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CiRunsResponse } from '@internal/plugin-github-actions-common';
import { useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { githubActionsApiRef } from '../api';

/** How often the card and the tab ask the backend again. */
export const REFRESH_INTERVAL_MS = 30_000;

export interface CiRunsState {
  /** The latest answer; kept while a reload is pending, dropped on an error. */
  value?: CiRunsResponse;
  error?: Error;
  loading: boolean;
}

/**
 * The current entity's runs, reloaded every 30 seconds. A failed reload
 * replaces the runs shown before: old runs never look current.
 */
export function useCiRuns(limit: number): CiRunsState {
  const api = useApi(githubActionsApiRef);
  const { entity } = useEntity();
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const load = useCallback(
    () => api.getRuns({ kind, namespace, name }, { limit }),
    [api, kind, namespace, name, limit],
  );
  const { value, error, loading, retry } = useAsyncRetry(load, [load]);
  useInterval(retry, REFRESH_INTERVAL_MS);
  return { value: error ? undefined : value, error, loading };
}
