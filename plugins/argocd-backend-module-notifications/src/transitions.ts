/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { ArgoCdApplication } from '@internal/plugin-argocd-common';

/** What the notifier remembers about one entity's Application. */
export interface NotificationState {
  /** Health status at the last read. */
  health?: string;
  /** The team was told it is Degraded, and it has not been Healthy since. */
  degraded: boolean;
  /** Identity of the last failed sync operation the team was told about. */
  failedOperation?: string;
}

/** What one read of the Application shows. */
export interface Observation {
  health?: string;
  healthMessage?: string;
  /** Set when the current sync operation ended Failed or Error. */
  failedOperation?: { id: string; phase: string; message?: string };
  revision?: string;
}

export type Notice =
  | { kind: 'syncFailed'; phase: string; message?: string; health?: string }
  | { kind: 'degraded'; message?: string }
  | { kind: 'recovered' };

const FAILED_PHASES = new Set(['Failed', 'Error']);

/** Reads health and the last sync operation from an Application. */
export function observe(app: ArgoCdApplication): Observation {
  const op = app.status?.operationState;
  const failed =
    op?.phase && FAILED_PHASES.has(op.phase)
      ? {
          // One operation = one start time (Argo CD sets startedAt when an
          // operation begins); the phase guards a rerun at the same second.
          id: `${op.startedAt ?? op.finishedAt ?? ''}|${op.phase}`,
          phase: op.phase,
          message: op.message,
        }
      : undefined;
  return {
    health: app.status?.health?.status,
    healthMessage: app.status?.health?.message,
    failedOperation: failed,
    revision: app.status?.sync?.revision,
  };
}

/**
 * The transition from what the team was last told to what Argo CD shows now:
 * at most one notice per read, and none when nothing changed.
 *
 * - A sync operation that ended Failed/Error and was not reported before:
 *   `syncFailed` (it usually leaves the Application Degraded too; that is
 *   the same event, so no second `degraded` notice follows).
 * - Health Degraded while the team has not been told since the last
 *   Healthy: `degraded`. Degraded → Progressing → Degraded (a resync of a
 *   still broken deployment) stays one event.
 * - Healthy after a reported Degraded: `recovered` (when enabled).
 */
export function decide(
  previous: NotificationState | undefined,
  now: Observation,
  options: { notifyRecovery: boolean },
): { next: NotificationState; notice?: Notice } {
  const prev: NotificationState = previous ?? { degraded: false };
  const next: NotificationState = {
    health: now.health,
    degraded: prev.degraded,
    failedOperation: prev.failedOperation,
  };
  const isDegraded = now.health === 'Degraded';
  const isHealthy = now.health === 'Healthy';

  if (now.failedOperation && now.failedOperation.id !== prev.failedOperation) {
    next.failedOperation = now.failedOperation.id;
    if (isDegraded) next.degraded = true;
    return {
      next,
      notice: {
        kind: 'syncFailed',
        phase: now.failedOperation.phase,
        message: now.failedOperation.message,
        health: now.health,
      },
    };
  }
  if (isDegraded && !prev.degraded) {
    next.degraded = true;
    return { next, notice: { kind: 'degraded', message: now.healthMessage } };
  }
  if (isHealthy && prev.degraded) {
    next.degraded = false;
    return options.notifyRecovery
      ? { next, notice: { kind: 'recovered' } }
      : { next };
  }
  return { next };
}
