/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export interface Config {
  argocd?: {
    /**
     * Team notifications about the Argo CD Applications of catalog entities
     * (the `argocd/app-name` annotation): one when an Application turns
     * Degraded or a sync operation fails, one when it is Healthy again.
     */
    notifications?: {
      /** Off with `false`. Default `true` (when `argocd.instances` has an instance). */
      enabled?: boolean;
      /** Seconds between two reads of every Application. Default 60. */
      intervalSeconds?: number;
      /** Also tell the team when a Degraded Application is Healthy again. Default `true`. */
      notifyRecovery?: boolean;
    };
  };
}
