/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The sync lifecycle, as Argo CD's application controller shows it through
 * an Application's status. A change (or `POST .../sync`) starts an operation:
 * `OutOfSync` / `Progressing`, phase `Running`. After the sync delay the sync
 * hook runs (a Kubernetes stand-in applies the manifests there) and the
 * operation ends `Succeeded` (`Synced` / `Healthy`, or `Degraded` for the
 * outcome label) with a history entry, or `Failed` (`OutOfSync` / `Degraded`
 * with a `SyncError` condition). An Application without automated sync stays
 * `OutOfSync` / `Missing`; one its project refuses carries `InvalidSpecError`
 * conditions and never syncs.
 */
import { createHash } from 'node:crypto';
import { now } from './desiredState';
import { appendHistory } from './history';
import type { ApplicationStore, StoredApplication } from './store';
import { DEGRADED_OUTCOME_LABEL, SyncHookResult } from './types';

export interface SyncLifecycleOptions {
  store: ApplicationStore;
  /** Time from the start of an operation to its end, in milliseconds. */
  delayMs: number;
  /**
   * Runs the sync (the `onSync` hook with its context). Without it a sync
   * deploys nothing and succeeds; when it throws, the sync fails with the
   * error's message.
   */
  runHook?: (app: StoredApplication) => Promise<SyncHookResult | undefined>;
  log?: (line: string) => void;
}

/** Whether Argo CD syncs the Application by itself after a change. */
export function isAutomated(app: StoredApplication) {
  return (
    Boolean(app.spec.syncPolicy?.automated) &&
    app.spec.syncPolicy?.automated?.enabled !== false
  );
}

/** Starts and finishes sync operations, one timer per Application. */
export class SyncLifecycle {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SyncLifecycleOptions) {
    this.log = options.log ?? (() => {});
  }

  /**
   * Stores a created or changed Application with the status the controller
   * gives it: `InvalidSpecError` conditions when `invalid` names any (never
   * synced), a running automated sync, or `OutOfSync` / `Missing` until a
   * sync is requested. Returns it as stored.
   */
  afterChange(app: StoredApplication, invalid: string[] = []) {
    const name = app.metadata.name;
    if (invalid.length === 0 && isAutomated(app)) {
      this.startOperation(app, true);
      this.options.store.save(app);
      this.schedule(name);
      return this.options.store.get(name)!;
    }
    this.cancel(name);
    app.status =
      invalid.length > 0
        ? {
            sync: { status: 'Unknown' },
            health: { status: 'Unknown', lastTransitionTime: now() },
            conditions: invalid.map(message => ({
              type: 'InvalidSpecError',
              message,
              lastTransitionTime: now(),
            })),
            reconciledAt: now(),
          }
        : {
            sync: { status: 'OutOfSync', comparedTo: comparedTo(app) },
            health: { status: 'Missing', lastTransitionTime: now() },
            conditions: [],
            reconciledAt: now(),
          };
    this.options.store.save(app);
    return this.options.store.get(name)!;
  }

  /** `POST .../sync`: starts an operation initiated by the caller. */
  requestSync(app: StoredApplication) {
    this.startOperation(app, false);
    this.options.store.save(app);
    this.schedule(app.metadata.name);
    return this.options.store.get(app.metadata.name)!;
  }

  /** Forgets a pending sync (the Application was deleted or changed). */
  cancel(name: string) {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  /** Finishes the operations a previous process left running. */
  resumeRunning() {
    for (const app of this.options.store.list()) {
      if (app.status?.operationState?.phase === 'Running') {
        this.schedule(app.metadata.name);
      }
    }
  }

  /** Cancels every pending sync; a hook still running has its result dropped. */
  stop() {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private startOperation(app: StoredApplication, automated: boolean) {
    app.status = {
      ...app.status,
      sync: { status: 'OutOfSync', comparedTo: comparedTo(app) },
      health: { status: 'Progressing', lastTransitionTime: now() },
      operationState: {
        operation: {
          sync: {
            revision: app.spec.source?.targetRevision || 'HEAD',
            prune: app.spec.syncPolicy?.automated?.prune ?? false,
            syncOptions: app.spec.syncPolicy?.syncOptions,
          },
          initiatedBy: automated
            ? { automated: true }
            : { username: 'stand-in' },
        },
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt: now(),
      },
      conditions: [],
      reconciledAt: now(),
    };
  }

  private schedule(name: string) {
    clearTimeout(this.timers.get(name));
    const timer = setTimeout(() => {
      this.timers.delete(name);
      this.finish(name).catch(error =>
        this.log(`sync of ${name} crashed: ${String(error)}`),
      );
    }, this.options.delayMs);
    this.timers.set(name, timer);
  }

  private async runHook(app: StoredApplication): Promise<SyncHookResult> {
    if (!this.options.runHook) return {};
    try {
      return (await this.options.runHook(app)) ?? {};
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async finish(name: string) {
    const { store } = this.options;
    const before = store.get(name);
    if (!before || this.stopped) return;
    const result = await this.runHook(before);
    const app = store.get(name);
    // The Application was deleted, changed or the stand-in stopped meanwhile.
    if (
      !app ||
      this.stopped ||
      app.metadata.resourceVersion !== before.metadata.resourceVersion
    ) {
      return;
    }
    app.status = result.error
      ? failedStatus(app, result, now())
      : succeededStatus(app, result, now());
    store.save(app);
    this.log(
      `application ${name}: ${app.status.sync!.status}/${
        app.status.health!.status
      }`,
    );
  }
}

function comparedTo(app: StoredApplication) {
  return { source: app.spec.source, destination: app.spec.destination };
}

/** The hook's revision, else a stable hash of the repository and target revision. */
function deployedRevision(app: StoredApplication, result: SyncHookResult) {
  return (
    result.revision ??
    createHash('sha1')
      .update(
        `${app.spec.source?.repoURL}@${
          app.spec.source?.targetRevision ?? 'HEAD'
        }`,
      )
      .digest('hex')
  );
}

type Status = NonNullable<StoredApplication['status']>;

function failedStatus(
  app: StoredApplication,
  result: SyncHookResult,
  finishedAt: string,
): Status {
  const message = result.error!;
  return {
    ...app.status,
    sync: { ...app.status!.sync!, status: 'OutOfSync' },
    health: { status: 'Degraded', message, lastTransitionTime: finishedAt },
    operationState: {
      ...app.status!.operationState!,
      phase: 'Failed',
      message,
      finishedAt,
      syncResult: {
        revision: deployedRevision(app, result),
        source: app.spec.source,
        ...(result.resources?.length ? { resources: result.resources } : {}),
      },
    },
    conditions: [
      { type: 'SyncError', message, lastTransitionTime: finishedAt },
    ],
    reconciledAt: finishedAt,
  };
}

function succeededStatus(
  app: StoredApplication,
  result: SyncHookResult,
  finishedAt: string,
): Status {
  const name = app.metadata.name;
  const revision = deployedRevision(app, result);
  const operationState = app.status!.operationState!;
  const degraded = app.metadata.labels?.[DEGRADED_OUTCOME_LABEL] === 'degraded';
  return {
    ...app.status,
    sync: { ...app.status!.sync!, status: 'Synced', revision },
    health: degraded
      ? {
          status: 'Degraded',
          message: `Deployment "${name}" exceeded its progress deadline`,
          lastTransitionTime: finishedAt,
        }
      : { status: 'Healthy', lastTransitionTime: finishedAt },
    operationState: {
      ...operationState,
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      finishedAt,
      syncResult: { revision, source: app.spec.source },
    },
    // Argo CD appends each successful sync to status.history (ids count up;
    // spec.revisionHistoryLimit, default 10, entries are kept).
    history: appendHistory(app, {
      revision,
      source: app.spec.source,
      deployStartedAt: operationState.startedAt,
      deployedAt: finishedAt,
      initiatedBy: (operationState.operation as { initiatedBy?: unknown })
        ?.initiatedBy,
    }),
    reconciledAt: finishedAt,
  };
}
