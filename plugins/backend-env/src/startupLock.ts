/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Client } from 'pg';
import { ConfigSources } from '@backstage/config-loader';
import { maintenanceClientConfig, type DatabaseSettings } from './database';
import {
  NotReadyServer,
  parseListen,
  startNotReadyServer,
} from './notReadyServer';

// Several replicas starting at the same moment on one PostgreSQL (the first
// install, a scale-out, an upgrade that brings migrations) would each run
// every plugin's knex migrations at once; knex then fails one of them with
// "Migration table is already locked" (MigrationLocked) or
// 'relation "knex_migrations" already exists', the backend exits and the pod
// restarts. Here the replicas take turns instead: each one starts while
// holding a PostgreSQL advisory lock and releases it once it has started, so
// the next finds the migrations done. A replica that dies releases the lock
// with its connection.

/** One holder at a time across every replica that uses the same database. */
export interface StartupLock {
  /** True when this process now holds the lock. */
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** What {@link startWithStartupLock} needs from the merged configuration. */
export interface StartupLockSettings {
  listen: unknown;
  database: DatabaseSettings & { prefix?: string };
}

export interface StartupLockOptions {
  argv?: string[];
  env?: Record<string, string | undefined>;
  print?: (line: string) => void;
  /** Defaults to loading the backend's config from `argv` and `env`. */
  loadSettings?: () => Promise<StartupLockSettings>;
  /** Defaults to a PostgreSQL advisory lock; none for SQLite. */
  createLock?: (settings: StartupLockSettings) => StartupLock | undefined;
  retryIntervalMs?: number;
  /** After this long the replica starts anyway (and may hit the race). */
  maxWaitMs?: number;
  /** Called on SIGTERM/SIGINT while the backend waits. */
  exit?: (code: number) => void;
}

async function loadSettings(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<StartupLockSettings> {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({
      argv,
      env: env as Record<string, string>,
      watch: false,
    }),
  );
  try {
    return {
      listen: config.getOptional('backend.listen'),
      database: config.getOptional('backend.database') ?? {},
    };
  } finally {
    config.close();
  }
}

/**
 * A session-level advisory lock on the server's maintenance database (the
 * one the backend creates its plugin databases through), keyed by the
 * database prefix so two portals on one server do not wait for each other.
 */
export function postgresStartupLock(
  settings: StartupLockSettings,
): StartupLock | undefined {
  const { client, connection, prefix } = settings.database;
  if (client !== 'pg' && client !== 'postgres') return undefined;
  const config = maintenanceClientConfig(connection);
  const key = `launchpad-backend-start:${prefix ?? 'backstage_plugin_'}`;
  let db: Client | undefined;
  return {
    async tryAcquire() {
      if (!db) {
        db = new Client(config);
        // Losing the connection releases the lock; the start goes on.
        db.on('error', () => {});
        await db.connect();
      }
      const { rows } = await db.query(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS acquired',
        [key],
      );
      return rows[0].acquired === true;
    },
    async release() {
      const current = db;
      db = undefined;
      // Closing the session releases its advisory locks.
      await current?.end().catch(() => {});
    },
  };
}

/**
 * Starts the backend while holding the start-up lock. When another replica
 * holds it, prints one line, holds the port with readiness 503 and liveness
 * 200 (as the start-up gate does), and retries until the lock is free.
 */
export async function startWithStartupLock<T>(
  start: () => Promise<T>,
  options: StartupLockOptions = {},
): Promise<T | undefined> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const print =
    options.print ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const retryIntervalMs = options.retryIntervalMs ?? 1000;
  const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  const settings = await (
    options.loadSettings ?? (() => loadSettings(argv, env))
  )();
  const lock = (options.createLock ?? postgresStartupLock)(settings);
  if (!lock) {
    return start();
  }

  let acquired = await lock.tryAcquire();
  if (!acquired) {
    const since = Date.now();
    print(
      'Waiting for another replica to finish starting (database migrations run one replica at a time). Readiness stays 503 meanwhile.',
    );
    let held: NotReadyServer | undefined;
    let stopped = false;
    const onSignal = () => {
      stopped = true;
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    try {
      held = await startNotReadyServer(
        parseListen(settings.listen),
        'waiting for another replica to finish starting',
      );
      while (!acquired && !stopped && Date.now() - since < maxWaitMs) {
        await new Promise(r => setTimeout(r, retryIntervalMs));
        acquired = await lock.tryAcquire();
      }
    } finally {
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
      await held?.close();
    }
    if (stopped) {
      await lock.release();
      exit(0);
      return undefined;
    }
    const waited = Math.round((Date.now() - since) / 1000);
    print(
      acquired
        ? `The other replica has started (waited ${waited} s); starting the backend.`
        : `Another replica is still starting after ${waited} s; starting the backend anyway.`,
    );
  }
  try {
    return await start();
  } finally {
    await lock.release();
  }
}
