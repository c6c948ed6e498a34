/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { StoredApplication } from './store';
import type { StandInCluster } from './types';

/** An Application's destination cluster by name, server or both. */
export interface ResolvedCluster {
  name?: string;
  server?: string;
}

/**
 * The destination cluster with both its name and server, as Argo CD resolves
 * it from its cluster secrets (the missing half is undefined for an unknown
 * cluster).
 */
export function resolveCluster(
  clusters: StandInCluster[],
  destination: StoredApplication['spec']['destination'],
): ResolvedCluster {
  return destination.name
    ? {
        name: destination.name,
        server: clusters.find(c => c.name === destination.name)?.server,
      }
    : {
        server: destination.server,
        name: clusters.find(c => c.server === destination.server)?.name,
      };
}
