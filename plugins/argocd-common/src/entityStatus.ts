/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The body of the argocd backend's
 * `GET /api/argocd/entities/:namespace/:kind/:name/status`, as the status card
 * reads it. Nothing else of the Application leaves the backend.
 */

/**
 * One deployment of the Application.
 *
 * @public
 */
export interface ArgoCdDeployment {
  /** `status.history[].id`; absent for a sync that is not in the history. */
  id?: number;
  revision?: string;
  /** The revision's commit on GitHub, when the source is a GitHub-style https repository. */
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
  sync: {
    /** `Synced`, `OutOfSync` or `Unknown`. */
    status: string;
    /** The revision the live state is compared to, when Argo CD reports one. */
    revision?: string;
  };
  health: {
    /** `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing` or `Unknown`. */
    status: string;
    message?: string;
  };
  /** The latest sync operation; `null` when the Application was never synced. */
  lastSync: {
    /** `Running`, `Succeeded`, `Failed`, `Error` or `Terminating`. */
    phase: string;
    startedAt?: string;
    /** Missing while the operation runs. */
    finishedAt?: string;
    message?: string;
    revision?: string;
  } | null;
  /**
   * Deployments, newest first (at most five): a sync that did not succeed
   * (running, failed) first, then the Application's `status.history` (Argo CD
   * records only successful syncs there).
   */
  history: ArgoCdDeployment[];
  /** When the backend read the Application from Argo CD (ISO 8601). */
  fetchedAt: string;
}
