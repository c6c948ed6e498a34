/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  type ArgoCdEntityStatus,
} from '@internal/plugin-argocd';

/** Most services listed on the home page; the rest are a click away. */
export const MY_SERVICES_LIMIT = 20;

/**
 * The catalog query for the components owned by the user or one of their
 * groups (the ownership references in their sign-in token).
 */
export function myServicesQuery(ownershipEntityRefs: string[]) {
  return {
    filter: { kind: 'component', 'relations.ownedBy': ownershipEntityRefs },
    fields: [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      'metadata.annotations',
      'spec.type',
      'spec.owner',
    ],
    orderFields: { field: 'metadata.name', order: 'asc' as const },
    limit: MY_SERVICES_LIMIT,
  };
}

export type Health = 'ok' | 'warning' | 'error' | 'pending';

/** One line for a service's deployment: "Synced · Healthy" and how good that is. */
export function deploymentSummary(status: ArgoCdEntityStatus): {
  level: Health;
  text: string;
} {
  const sync = status.sync.status;
  const health = status.health.status;
  const failed = status.lastSync && status.lastSync.phase === 'Failed';
  let level: Health = 'pending';
  if (health === 'Degraded' || failed) level = 'error';
  else if (health === 'Healthy' && sync === 'Synced') level = 'ok';
  else if (sync === 'OutOfSync' || ['Missing', 'Suspended'].includes(health))
    level = 'warning';
  return {
    level,
    text: `${sync} · ${health}${failed ? ' · sync failed' : ''}`,
  };
}

/** Whether a component is deployed by Argo CD. */
export function argoCdAppOf(entity: Entity): string | undefined {
  return (
    entity.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION]?.trim() ||
    undefined
  );
}

/** Why a service's Argo CD status is missing, in a few words. */
export function argoCdProblem(error: Error | undefined): string {
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  if (status === 404) return 'no Argo CD Application';
  if (status === 401 || status === 403) return 'Argo CD status not allowed';
  return 'Argo CD status unavailable';
}
