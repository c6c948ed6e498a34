/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { freePort } from '@internal/test-support';
import {
  postgresStartupLock,
  StartupLock,
  startWithStartupLock,
} from './startupLock';

// The lock itself is PostgreSQL's (pg_try_advisory_lock); three real
// backends starting together on one empty database are in
// packages/e2e-tests/src/scale/. Here: what a waiting replica does.

/** One lock shared by the "replicas" of a test, like an advisory lock. */
function sharedLock() {
  let holder: object | undefined;
  const attempts: string[] = [];
  return {
    attempts,
    forReplica(name: string): StartupLock {
      const me = {};
      return {
        async tryAcquire() {
          attempts.push(name);
          if (holder && holder !== me) return false;
          holder = me;
          return true;
        },
        async release() {
          if (holder === me) holder = undefined;
        },
      };
    },
  };
}

const pg = { client: 'pg', connection: { host: 'db' } };

describe('startWithStartupLock', () => {
  it('lets a second replica wait, unready, until the first has started', async () => {
    const lock = sharedLock();
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = startWithStartupLock(
      () =>
        new Promise<void>(resolve => {
          order.push('first starts');
          finishFirst = () => {
            order.push('first started');
            resolve();
          };
        }),
      {
        loadSettings: async () => ({ listen: ':0', database: pg }),
        createLock: () => lock.forReplica('first'),
        print: line => order.push(`first: ${line}`),
        exit: jest.fn(),
      },
    );
    await new Promise(r => setImmediate(r));
    expect(order).toEqual(['first starts']);

    const port = await freePort();
    const lines: string[] = [];
    const second = startWithStartupLock(
      async () => {
        order.push('second starts');
      },
      {
        loadSettings: async () => ({ listen: { port }, database: pg }),
        createLock: () => lock.forReplica('second'),
        print: line => lines.push(line),
        retryIntervalMs: 20,
        exit: jest.fn(),
      },
    );
    // While it waits it holds its port: liveness 200, readiness 503.
    const base = `http://localhost:${port}/.backstage/health/v1`;
    let readiness: Response | undefined;
    for (let i = 0; i < 100 && !readiness; i++) {
      readiness = await fetch(`${base}/readiness`).catch(() => undefined);
      if (!readiness) await new Promise(r => setTimeout(r, 20));
    }
    expect(readiness?.status).toBe(503);
    expect((await readiness!.json()).message).toContain(
      'waiting for another replica to finish starting',
    );
    expect((await fetch(`${base}/liveness`)).status).toBe(200);
    expect(lines).toEqual([
      'Waiting for another replica to finish starting (database migrations run one replica at a time). Readiness stays 503 meanwhile.',
    ]);
    // It keeps trying.
    for (
      let i = 0;
      i < 100 && lock.attempts.filter(a => a === 'second').length < 2;
      i++
    ) {
      await new Promise(r => setTimeout(r, 20));
    }
    expect(lock.attempts.filter(a => a === 'second').length).toBeGreaterThan(1);
    expect(order).not.toContain('second starts');

    finishFirst();
    await first;
    await second;
    expect(order).toEqual(['first starts', 'first started', 'second starts']);
    expect(lines[1]).toMatch(
      /^The other replica has started \(waited \d+ s\); starting the backend\.$/,
    );
    // The port was handed back before the backend started.
    await expect(fetch(`${base}/liveness`)).rejects.toThrow();
  });

  it('releases the lock when the start fails, so the next replica is not stuck', async () => {
    const lock = sharedLock();
    await expect(
      startWithStartupLock(
        async () => {
          throw new Error('plugin failed');
        },
        {
          loadSettings: async () => ({ listen: ':0', database: pg }),
          createLock: () => lock.forReplica('a'),
          exit: jest.fn(),
        },
      ),
    ).rejects.toThrow('plugin failed');
    expect(await lock.forReplica('b').tryAcquire()).toBe(true);
  });

  it('starts anyway after the longest wait, and says so', async () => {
    const lock = sharedLock();
    await lock.forReplica('stuck').tryAcquire();
    const lines: string[] = [];
    let started = false;
    await startWithStartupLock(
      async () => {
        started = true;
      },
      {
        loadSettings: async () => ({
          listen: { port: await freePort() },
          database: pg,
        }),
        createLock: () => lock.forReplica('late'),
        print: line => lines.push(line),
        retryIntervalMs: 10,
        maxWaitMs: 50,
        exit: jest.fn(),
      },
    );
    expect(started).toBe(true);
    expect(lines[1]).toMatch(
      /still starting after \d+ s; starting the backend anyway/,
    );
  });

  it('exits cleanly on SIGTERM while waiting', async () => {
    const lock = sharedLock();
    await lock.forReplica('holder').tryAcquire();
    const exit = jest.fn();
    let started = false;
    const waiting = startWithStartupLock(
      async () => {
        started = true;
      },
      {
        loadSettings: async () => ({
          listen: { port: await freePort() },
          database: pg,
        }),
        createLock: () => lock.forReplica('waiter'),
        print: () => {},
        retryIntervalMs: 20,
        exit,
      },
    );
    await new Promise(r => setTimeout(r, 100));
    process.emit('SIGTERM', 'SIGTERM');
    await waiting;
    expect(exit).toHaveBeenCalledWith(0);
    expect(started).toBe(false);
  });

  it('has no lock to take with SQLite', () => {
    expect(
      postgresStartupLock({
        listen: ':0',
        database: { client: 'better-sqlite3', connection: ':memory:' },
      }),
    ).toBeUndefined();
    expect(postgresStartupLock({ listen: ':0', database: pg })).toBeDefined();
  });
});
