/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Client } from 'pg';
import type { TestPostgres } from '@internal/test-support';

/** The most connections seen at once to databases named `<prefix>...`. */
export interface ConnectionPeak {
  total: number;
  /** Connections per database at the moment of the peak. */
  byDatabase: Record<string, number>;
}

export interface ConnectionSampler {
  peak(): ConnectionPeak;
  /** The databases under the prefix that exist now. */
  databases(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Reads `pg_stat_activity` every `everyMs` on its own connection (not
 * counted) and keeps the highest total of client connections to the
 * prefix's databases.
 */
export async function sampleConnections(
  pg: TestPostgres,
  prefix: string,
  everyMs = 250,
): Promise<ConnectionSampler> {
  const client = new Client({ connectionString: pg.connectionString });
  client.on('error', () => {});
  await client.connect();
  let best: ConnectionPeak = { total: 0, byDatabase: {} };
  let stopped = false;
  const like = `${prefix.replace(/_/g, '\\_')}%`;
  const loop = (async () => {
    while (!stopped) {
      try {
        const { rows } = await client.query<{ datname: string; n: number }>(
          `SELECT datname, count(*)::int AS n FROM pg_stat_activity
            WHERE datname LIKE $1 AND backend_type = 'client backend'
            GROUP BY datname`,
          [like],
        );
        const total = rows.reduce((sum, r) => sum + r.n, 0);
        if (total > best.total) {
          best = {
            total,
            byDatabase: Object.fromEntries(rows.map(r => [r.datname, r.n])),
          };
        }
      } catch {
        // The server restarting or going away: try again on the next tick.
      }
      await new Promise(resolve => setTimeout(resolve, everyMs));
    }
  })();
  return {
    peak: () => best,
    async databases() {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1',
        [like],
      );
      return rows.map(r => r.datname);
    },
    async stop() {
      stopped = true;
      await loop;
      await client.end().catch(() => {});
    },
  };
}
