/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * What `GET /api/argocd/entities/:namespace/:kind/:name/status` returns
 * (served by the `argocd` backend plugin, `plugins/argocd-backend`).
 *
 * @public
 */
export interface ArgoCdEntityStatus {
  /** Name of the Argo CD instance (`argocd.instances[].name`) that answered. */
  instance: string;
  appName: string;
  /** The Application in the Argo CD web UI. */
  url: string;
  sync: { status: string; revision?: string };
  health: { status: string; message?: string };
  /** The latest sync operation; `null` when the Application was never synced. */
  lastSync: {
    phase: string;
    startedAt?: string;
    finishedAt?: string;
    message?: string;
    revision?: string;
  } | null;
  /** When the backend read the Application from Argo CD (ISO 8601). */
  fetchedAt: string;
}
