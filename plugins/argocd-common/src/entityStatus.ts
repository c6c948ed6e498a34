/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * One deployment of the Application.
 *
 * @public
 */
export interface ArgoCdDeployment {
  id?: number;
  revision?: string;
  /** The revision's commit on GitHub, when the backend could link it. */
  commitUrl?: string;
  startedAt?: string;
  finishedAt?: string;
  /** `automated` or the user who started the sync. */
  initiatedBy?: string;
  /** `Succeeded`, `Failed`, `Error`, `Running` or `Terminating`. */
  result: string;
}

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
  /**
   * Deployments, newest first: a sync that did not succeed (running,
   * failed) first, then the Application's `status.history`.
   */
  history: ArgoCdDeployment[];
  /** When the backend read the Application from Argo CD (ISO 8601). */
  fetchedAt: string;
}
