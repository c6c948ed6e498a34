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
   * The last successful deployments from the Application's history, newest
   * first (at most {@link MAX_DEPLOYMENTS}); empty when it never deployed.
   */
  deployments: Array<{
    revision?: string;
    deployStartedAt?: string;
    deployedAt?: string;
  }>;
  /** When the backend read the Application from Argo CD (ISO 8601). */
  fetchedAt: string;
}

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
    operation?: { sync?: { revision?: string; revisions?: string[] } };
    syncResult?: { revision?: string; revisions?: string[] };
  };
  history?: Array<{
    revision?: string;
    revisions?: string[];
    deployedAt?: string;
    deployStartedAt?: string;
  }>;
}

/** How many entries of the deployment history a status carries. */
export const MAX_DEPLOYMENTS = 5;

function firstOf(
  value: { revision?: string; revisions?: string[] } | undefined,
): string | undefined {
  return value?.revision || value?.revisions?.[0] || undefined;
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
    deployments: (status.history ?? [])
      .slice(-MAX_DEPLOYMENTS)
      .reverse()
      .map(entry => ({
        revision: firstOf(entry),
        deployStartedAt: nonEmpty(entry.deployStartedAt),
        deployedAt: nonEmpty(entry.deployedAt),
      })),
    fetchedAt: context.fetchedAt.toISOString(),
  };
}
