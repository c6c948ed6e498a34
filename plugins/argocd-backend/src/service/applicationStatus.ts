/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Reduces an Argo CD Application to what the status card shows. Nothing else
 * of the Application (spec, resources, conditions, ...) leaves the backend.
 */

import {
  ArgoCdApplication,
  ArgoCdDeployment,
  ArgoCdEntityStatus,
  ArgoCdOperationInitiator,
  ArgoCdRevisions,
} from '@internal/plugin-argocd-common';

/** How many deployments the card shows. */
export const HISTORY_SHOWN = 5;

function firstOf(value: ArgoCdRevisions | undefined): string | undefined {
  return value?.revision || value?.revisions?.[0] || undefined;
}

function initiator(by: ArgoCdOperationInitiator | undefined) {
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
  const status = app.status ?? {};
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

  const repoUrl = app.spec?.source?.repoURL;
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
