/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationStore, StoredApplication } from './store';
import { SyncLifecycle, SyncLifecycleOptions } from './sync';
import { DEGRADED_OUTCOME_LABEL, SyncHookResult } from './types';

const dirs: string[] = [];
const lifecycles: SyncLifecycle[] = [];

afterEach(() => {
  for (const l of lifecycles.splice(0)) l.stop();
  for (const dir of dirs.splice(0))
    fs.rmSync(dir, { recursive: true, force: true });
});

function newDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-sync-'));
  dirs.push(dir);
  return dir;
}

const newStore = () => new ApplicationStore(newDataDir());

function lifecycle(
  store: ApplicationStore,
  options: Partial<SyncLifecycleOptions> = {},
) {
  const l = new SyncLifecycle({ store, delayMs: 10, ...options });
  lifecycles.push(l);
  return l;
}

function application(
  name = 'shop',
  extra: {
    automated?: boolean;
    labels?: Record<string, string>;
    targetRevision?: string;
    revisionHistoryLimit?: number;
  } = {},
): StoredApplication {
  return {
    metadata: {
      name,
      namespace: 'argocd',
      ...(extra.labels ? { labels: extra.labels } : {}),
    },
    spec: {
      project: 'shop',
      source: {
        repoURL: 'https://github.com/acme/shop.git',
        path: 'deploy',
        targetRevision: extra.targetRevision ?? 'main',
      },
      destination: { name: 'in-cluster', namespace: 'shop' },
      ...(extra.automated === false
        ? {}
        : { syncPolicy: { automated: { prune: true } } }),
      ...(extra.revisionHistoryLimit !== undefined
        ? { revisionHistoryLimit: extra.revisionHistoryLimit }
        : {}),
    },
  };
}

async function until(
  store: ApplicationStore,
  name: string,
  done: (app: StoredApplication) => boolean,
) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const app = store.get(name);
    if (app && done(app)) return app;
    if (Date.now() > deadline) {
      throw new Error(`condition not met: ${JSON.stringify(app?.status)}`);
    }
    await new Promise(r => setTimeout(r, 5));
  }
}

const finished = (app: StoredApplication) =>
  app.status?.operationState?.phase !== 'Running';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('SyncLifecycle', () => {
  it('runs an automated Application from Running to Synced/Healthy with a history entry', async () => {
    const store = newStore();
    const lines: string[] = [];
    const sync = lifecycle(store, { log: l => lines.push(l) });

    const running = sync.afterChange(application());
    expect(running.metadata.resourceVersion).toBe('1');
    expect(running.status).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Progressing' },
      operationState: {
        phase: 'Running',
        message: 'one or more tasks are running',
        operation: {
          sync: { revision: 'main', prune: true },
          initiatedBy: { automated: true },
        },
      },
    });

    const done = await until(store, 'shop', finished);
    // Without a hook the revision is a stable hash of repository and target.
    const revision = createHash('sha1')
      .update('https://github.com/acme/shop.git@main')
      .digest('hex');
    expect(done.metadata.resourceVersion).toBe('2');
    expect(done.status).toMatchObject({
      sync: { status: 'Synced', revision },
      health: { status: 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        syncResult: { revision, source: application().spec.source },
      },
      conditions: [],
    });
    expect(done.status!.history).toEqual([
      {
        id: 0,
        revision,
        source: application().spec.source,
        deployStartedAt: running.status!.operationState!.startedAt,
        deployedAt: done.status!.operationState!.finishedAt,
        initiatedBy: { automated: true },
      },
    ]);
    expect(lines).toEqual(['application shop: Synced/Healthy']);
  });

  it('leaves a manual Application OutOfSync/Missing until a sync is requested', async () => {
    const store = newStore();
    const runHook = jest.fn(async () => ({ revision: 'f'.repeat(40) }));
    const sync = lifecycle(store, { runHook });

    const app = sync.afterChange(application('manual', { automated: false }));
    expect(app.status).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Missing' },
      conditions: [],
    });
    expect(app.status!.operationState).toBeUndefined();
    await sleep(40);
    expect(runHook).not.toHaveBeenCalled();
    expect(store.get('manual')!.status!.sync!.status).toBe('OutOfSync');

    const started = sync.requestSync(store.get('manual')!);
    expect(started.status!.operationState).toMatchObject({
      phase: 'Running',
      operation: { initiatedBy: { username: 'stand-in' } },
    });
    const done = await until(store, 'manual', finished);
    expect(done.status).toMatchObject({
      sync: { status: 'Synced', revision: 'f'.repeat(40) },
      health: { status: 'Healthy' },
    });
    expect(done.status!.history!.map(h => h.initiatedBy)).toEqual([
      { username: 'stand-in' },
    ]);
  });

  it('never syncs an Application its project refuses, and says why', async () => {
    const store = newStore();
    const runHook = jest.fn(async () => ({}));
    const sync = lifecycle(store, { runHook });
    const message =
      "application repo https://github.com/acme/shop.git is not permitted in project 'shop'";

    const app = sync.afterChange(application(), [message]);
    expect(app.status).toEqual({
      sync: { status: 'Unknown' },
      health: { status: 'Unknown', lastTransitionTime: expect.any(String) },
      conditions: [
        {
          type: 'InvalidSpecError',
          message,
          lastTransitionTime: expect.any(String),
        },
      ],
      reconciledAt: expect.any(String),
    });
    await sleep(40);
    expect(runHook).not.toHaveBeenCalled();
  });

  it.each<[string, () => Promise<SyncHookResult>]>([
    [
      'returns an error',
      async () => ({
        error: 'one or more synchronization tasks are not valid',
        resources: [
          {
            group: '',
            version: 'v1',
            kind: 'Namespace',
            namespace: '',
            name: 'shop',
            status: 'SyncFailed',
            message: 'resource :Namespace is not permitted in project shop',
            hookPhase: 'Failed',
            syncPhase: 'Sync',
          },
        ],
      }),
    ],
    [
      'throws',
      async () => {
        throw new Error('one or more synchronization tasks are not valid');
      },
    ],
  ])(
    'fails the sync, Degraded with a SyncError and no history, when the hook %s',
    async (how, hook) => {
      const store = newStore();
      const sync = lifecycle(store, { runHook: hook });
      sync.afterChange(application());
      const done = await until(store, 'shop', finished);
      const message = 'one or more synchronization tasks are not valid';
      expect(done.status).toMatchObject({
        sync: { status: 'OutOfSync' },
        health: { status: 'Degraded', message },
        operationState: { phase: 'Failed', message },
        conditions: [{ type: 'SyncError', message }],
      });
      const syncResult = done.status!.operationState!.syncResult as {
        resources?: unknown[];
      };
      expect(syncResult.resources?.length ?? 0).toBe(how === 'throws' ? 0 : 1);
      expect(done.status!.history).toBeUndefined();
    },
  );

  it('reports Degraded after a successful sync for the outcome label', async () => {
    const store = newStore();
    const sync = lifecycle(store);
    sync.afterChange(
      application('broken', {
        labels: { [DEGRADED_OUTCOME_LABEL]: 'degraded' },
      }),
    );
    const done = await until(store, 'broken', finished);
    expect(done.status).toMatchObject({
      sync: { status: 'Synced' },
      health: {
        status: 'Degraded',
        message: 'Deployment "broken" exceeded its progress deadline',
      },
      operationState: { phase: 'Succeeded' },
    });
    expect(done.status!.history).toHaveLength(1);
  });

  it('drops the result of a sync whose Application changed meanwhile', async () => {
    const store = newStore();
    let release!: () => void;
    const first = new Promise<void>(r => {
      release = r;
    });
    const runHook = jest
      .fn<Promise<SyncHookResult>, [StoredApplication]>()
      .mockImplementationOnce(async () => {
        await first;
        return { revision: 'a'.repeat(40) };
      })
      .mockImplementationOnce(async () => ({ revision: 'b'.repeat(40) }));
    const sync = lifecycle(store, { runHook });

    sync.afterChange(application());
    await until(store, 'shop', () => runHook.mock.calls.length === 1);
    // A new target while the first sync runs: a new version and operation.
    sync.afterChange({
      ...application('shop', { targetRevision: 'dev' }),
      metadata: store.get('shop')!.metadata,
      status: store.get('shop')!.status,
    });
    const done = await until(store, 'shop', finished);
    release();
    await sleep(20);
    const final = store.get('shop')!;
    expect(final).toEqual(done);
    expect(final.status!.sync!.revision).toBe('b'.repeat(40));
    expect(final.status!.history!.map(h => h.revision)).toEqual([
      'b'.repeat(40),
    ]);
  });

  it('forgets a cancelled sync and finishes none after stop()', async () => {
    const store = newStore();
    const runHook = jest.fn(async () => ({}));
    const sync = lifecycle(store, { runHook });
    sync.afterChange(application('cancelled'));
    sync.cancel('cancelled');
    sync.afterChange(application('stopped'));
    sync.stop();
    await sleep(40);
    expect(runHook).not.toHaveBeenCalled();
    expect(store.get('cancelled')!.status!.operationState!.phase).toBe(
      'Running',
    );
    expect(store.get('stopped')!.status!.operationState!.phase).toBe('Running');
  });

  it('drops the result of a hook still running at stop()', async () => {
    const store = newStore();
    let release!: () => void;
    const blocked = new Promise<void>(r => {
      release = r;
    });
    const runHook = jest.fn(async () => {
      await blocked;
      return { revision: 'c'.repeat(40) };
    });
    const sync = lifecycle(store, { runHook });
    sync.afterChange(application());
    await until(store, 'shop', () => runHook.mock.calls.length === 1);
    sync.stop();
    release();
    await sleep(20);
    expect(store.get('shop')!.status!.operationState!.phase).toBe('Running');
  });

  it('finishes the operations a previous process left running', async () => {
    const dataDir = newDataDir();
    const stopped = lifecycle(new ApplicationStore(dataDir), {
      delayMs: 60_000,
    });
    stopped.afterChange(application('left-running'));
    stopped.afterChange(application('manual', { automated: false }));
    stopped.stop();

    // A new process reads the same directory.
    const reopened = new ApplicationStore(dataDir);
    lifecycle(reopened).resumeRunning();
    const done = await until(reopened, 'left-running', finished);
    expect(done.status!.sync!.status).toBe('Synced');
    expect(reopened.get('manual')!.status!.sync!.status).toBe('OutOfSync');
  });

  it('keeps the last spec.revisionHistoryLimit entries, ids counting up', async () => {
    const store = newStore();
    const sync = lifecycle(store);
    sync.afterChange(application('shop', { revisionHistoryLimit: 2 }));
    await until(store, 'shop', finished);
    for (let i = 0; i < 2; i++) {
      sync.requestSync(store.get('shop')!);
      await until(store, 'shop', finished);
    }
    expect(store.get('shop')!.status!.history!.map(h => h.id)).toEqual([1, 2]);
  });
});
