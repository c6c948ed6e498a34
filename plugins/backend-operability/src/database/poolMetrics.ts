/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Counter, Meter, metrics } from '@opentelemetry/api';
import { Knex } from 'knex';

/** What knex's pool (tarn) answers; only what the metrics read. */
interface TarnPool {
  max?: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  on(event: 'createFail', handler: (id: number, error: Error) => void): void;
}

function poolOf(knex: Knex): TarnPool | undefined {
  const pool = (knex.client as { pool?: TarnPool }).pool;
  return pool && typeof pool.numUsed === 'function' ? pool : undefined;
}

const POOL_NAME = 'db.client.connection.pool.name';

/**
 * Observes the connection pools of the plugins' knex clients, with
 * OpenTelemetry's database client metric names:
 * `db.client.connection.count` (by `db.client.connection.state`: used or
 * idle), `db.client.connection.pending_requests` (callers waiting for a
 * connection: a full pool or a database that does not answer) and
 * `db.client.connection.max`, each by `db.client.connection.pool.name` (the
 * plugin id); plus `launchpad.db.connection.failures`, connections that
 * could not be opened. Backstage itself uses `knex.client.pool` the same
 * way (its PostgreSQL connector listens to the pool's events).
 */
export class PoolMetrics {
  private readonly pools = new Map<string, Knex>();
  private readonly failures: Counter;

  constructor(meter: Meter = metrics.getMeter('launchpad-backend')) {
    const count = meter.createObservableUpDownCounter(
      'db.client.connection.count',
      {
        description: 'Connections in the pool, by state (used or idle)',
        unit: '{connection}',
      },
    );
    const pending = meter.createObservableUpDownCounter(
      'db.client.connection.pending_requests',
      {
        description: 'Requests waiting for a connection from the pool',
        unit: '{request}',
      },
    );
    const max = meter.createObservableUpDownCounter(
      'db.client.connection.max',
      {
        description: 'The most connections the pool opens',
        unit: '{connection}',
      },
    );
    this.failures = meter.createCounter('launchpad.db.connection.failures', {
      description: 'Database connections that could not be opened',
      unit: '{connection}',
    });
    meter.addBatchObservableCallback(
      result => {
        for (const [name, knex] of this.pools) {
          const pool = poolOf(knex);
          if (!pool) continue;
          result.observe(count, pool.numUsed(), {
            [POOL_NAME]: name,
            'db.client.connection.state': 'used',
          });
          result.observe(count, pool.numFree(), {
            [POOL_NAME]: name,
            'db.client.connection.state': 'idle',
          });
          result.observe(pending, pool.numPendingAcquires(), {
            [POOL_NAME]: name,
          });
          if (typeof pool.max === 'number') {
            result.observe(max, pool.max, { [POOL_NAME]: name });
          }
        }
      },
      [count, pending, max],
    );
  }

  /** Starts observing a plugin's client; a second call for it is ignored. */
  observe(name: string, knex: Knex) {
    if (this.pools.has(name)) return;
    this.pools.set(name, knex);
    poolOf(knex)?.on('createFail', () =>
      this.failures.add(1, { [POOL_NAME]: name }),
    );
  }
}
