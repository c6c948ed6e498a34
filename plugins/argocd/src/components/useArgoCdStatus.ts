/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import { argoCdApiRef, ArgoCdEntityStatus } from '../api';

/** How often the card asks the backend again. */
export const REFRESH_INTERVAL_MS = 30_000;

export type ArgoCdStatusState =
  | { loading: true; value?: undefined; error?: undefined }
  | { loading: false; value: ArgoCdEntityStatus; error?: undefined }
  | { loading: false; value?: undefined; error: Error };

/**
 * Loads the entity's Argo CD status and reloads it every `intervalMs`. A
 * failed reload replaces the previous status with the error: the card never
 * shows an old status as if it were current.
 */
export function useArgoCdStatus(
  entityRef: CompoundEntityRef,
  intervalMs: number = REFRESH_INTERVAL_MS,
): ArgoCdStatusState {
  const api = useApi(argoCdApiRef);
  const [state, setState] = useState<ArgoCdStatusState>({ loading: true });
  const { kind, namespace, name } = entityRef;

  useEffect(() => {
    let active = true;
    let controller: AbortController | undefined;
    setState({ loading: true });

    const load = async () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      try {
        const value = await api.getEntityStatus(
          { kind, namespace, name },
          { signal: current.signal },
        );
        if (active && !current.signal.aborted) {
          setState({ loading: false, value });
        }
      } catch (e) {
        if (active && !current.signal.aborted) {
          setState({
            loading: false,
            // Checked by shape: fetch errors may come from another realm.
            error: isError(e) ? (e as Error) : new Error(String(e)),
          });
        }
      }
    };

    load();
    const timer = setInterval(load, intervalMs);
    return () => {
      active = false;
      clearInterval(timer);
      controller?.abort();
    };
  }, [api, kind, namespace, name, intervalMs]);

  return state;
}
