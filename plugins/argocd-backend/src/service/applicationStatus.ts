/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Reduces an Argo CD Application to what the status card shows. Nothing else
 * of the Application (spec, resources, conditions, ...) leaves the backend.
 */

import { ArgoCdApplication } from '@internal/plugin-scaffolder-backend-module-argocd';

/** The body of `GET /entities/:namespace/:kind/:name/status`. */
export interface ArgoCdEntityStatus {
  /** Name of the `argocd.instances` entry that answered. */
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
   * Deployments, newest first (at most HISTORY_SHOWN): a sync that did not
   * succeed (running, failed) first, then the Application's `status.history`
   * (Argo CD records only successful syncs there).
   */
  history: ArgoCdDeployment[];
  /** When the backend read the Application from Argo CD (ISO 8601). */
  fetchedAt: string;
}

/** One row of the deployment history. */
export interface ArgoCdDeployment {
  /** `status.history[].id`; absent for a sync that is not in the history. */
  id?: number;
  revision?: string;
  /** The revision's commit on GitHub, when the source is a GitHub-style https repository. */
  commitUrl?: string;
  startedAt?: string;
  finishedAt?: string;
  /** `automated` (auto-sync) or the user who started the sync. */
  initiatedBy?: string;
  /** `Succeeded`, `Failed`, `Error`, `Running` or `Terminating`. */
  result: string;
}

/** How many deployments the card shows. */
export const HISTORY_SHOWN = 5;

/**
 * The status fields read here, as in Argo CD's swagger
 * (`v1alpha1ApplicationStatus`, `v1alpha1OperationState`,
 * `v1alpha1RevisionHistory`), including the multi-source `revisions` lists.
 */
interface ApplicationStatusFields {
  sync?: { status?: string; revision?: string; revisions?: string[] };
  health?: { status?: string; message?: string };
  operationState?: {
    phase?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
    operation?: {
      sync?: { revision?: string; revisions?: string[] };
      initiatedBy?: { username?: string; automated?: boolean };
    };
    syncResult?: { revision?: string; revisions?: string[] };
  };
  history?: Array<{
    id?: number;
    revision?: string;
    revisions?: string[];
    deployedAt?: string;
    deployStartedAt?: string;
    initiatedBy?: { username?: string; automated?: boolean };
  }>;
}

function firstOf(
  value: { revision?: string; revisions?: string[] } | undefined,
): string | undefined {
  return value?.revision || value?.revisions?.[0] || undefined;
}

function initiator(by: { username?: string; automated?: boolean } | undefined) {
  if (by?.automated) return 'automated';
  return nonEmpty(by?.username);
}

/**
 * The commit page of a revision: for an https repository URL
 * (`https://host/owner/repo(.git)`) and a full commit SHA only.
 */
export function commitUrl(
  repoUrl: string | undefined,
  revision: string | undefined,
): string | undefined {
  if (!repoUrl || !revision || !/^[0-9a-f]{40}$/.test(revision)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(repoUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (path.split('/').filter(Boolean).length !== 2) return undefined;
  return `${url.origin}${path}/commit/${revision}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

export function toEntityStatus(
  app: ArgoCdApplication,
  context: { instance: string; appName: string; url: string; fetchedAt: Date },
): ArgoCdEntityStatus {
  const status = (app.status ?? {}) as ApplicationStatusFields;
  const operation = status.operationState;
  const lastDeployment = status.history?.length
    ? status.history[status.history.length - 1]
    : undefined;

  let lastSync: ArgoCdEntityStatus['lastSync'] = null;
  if (operation) {
    lastSync = {
      phase: operation.phase || 'Unknown',
      startedAt: nonEmpty(operation.startedAt),
      finishedAt: nonEmpty(operation.finishedAt),
      message: nonEmpty(operation.message),
      revision:
        firstOf(operation.syncResult) ?? firstOf(operation.operation?.sync),
    };
  } else if (lastDeployment) {
    // Argo CD drops operationState in some upgrades; the deployment history
    // still records the last successful sync.
    lastSync = {
      phase: 'Succeeded',
      startedAt: nonEmpty(lastDeployment.deployStartedAt),
      finishedAt: nonEmpty(lastDeployment.deployedAt),
      revision: firstOf(lastDeployment),
    };
  }

  const repoUrl = (app.spec as { source?: { repoURL?: string } } | undefined)
    ?.source?.repoURL;
  const history: ArgoCdDeployment[] = [];
  if (operation && lastSync && lastSync.phase !== 'Succeeded') {
    history.push({
      revision: lastSync.revision,
      commitUrl: commitUrl(repoUrl, lastSync.revision),
      startedAt: lastSync.startedAt,
      finishedAt: lastSync.finishedAt,
      initiatedBy: initiator(operation.operation?.initiatedBy),
      result: lastSync.phase,
    });
  }
  for (const entry of [...(status.history ?? [])].reverse()) {
    if (history.length >= HISTORY_SHOWN) break;
    const revision = firstOf(entry);
    history.push({
      id: entry.id,
      revision,
      commitUrl: commitUrl(repoUrl, revision),
      startedAt: nonEmpty(entry.deployStartedAt),
      finishedAt: nonEmpty(entry.deployedAt),
      initiatedBy: initiator(entry.initiatedBy),
      result: 'Succeeded',
    });
  }

  return {
    instance: context.instance,
    appName: context.appName,
    url: context.url,
    sync: {
      status: status.sync?.status || 'Unknown',
      revision: firstOf(status.sync),
    },
    health: {
      status: status.health?.status || 'Unknown',
      message: nonEmpty(status.health?.message),
    },
    lastSync,
    history,
    fetchedAt: context.fetchedAt.toISOString(),
  };
}
