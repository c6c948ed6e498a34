/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { BackendProcess, freePort } from '@internal/test-support';
import { LoadResult, runLoadAcross } from './catalog';

export interface ReplicasResult {
  /** Backend processes serving the load, all on the same PostgreSQL. */
  count: number;
  /** Process start → ready, for each replica added to the first. */
  addedReadyMs: number[];
  /** The catalog list at 20 clients, spread evenly over the replicas. */
  byQuery20: LoadResult;
  /** Error-level lines the added replicas logged. */
  errorLines: number;
}

/**
 * Starts `count - 1` more replicas next to the running one (same build,
 * config and database, other ports), measures the catalog list at 20
 * clients across all of them, and stops the added ones again.
 */
export async function measureReplicas(options: {
  count: number;
  first: BackendProcess;
  start: (port: number) => Promise<{ proc: BackendProcess; readyMs: number }>;
  token: string;
  path: string;
  loadSeconds: number;
  log: (line: string) => void;
}): Promise<ReplicasResult> {
  const added: Array<{ proc: BackendProcess; readyMs: number }> = [];
  try {
    for (let i = 1; i < options.count; i++) {
      added.push(await options.start(await freePort()));
      options.log(`replica ${i + 1} ready after ${added[i - 1].readyMs} ms`);
    }
    // Let the new replicas' start-up work (schedules, caches) settle.
    await new Promise(r => setTimeout(r, 5000));
    const byQuery20 = await runLoadAcross({
      baseUrls: [options.first.baseUrl, ...added.map(a => a.proc.baseUrl)],
      token: options.token,
      paths: [options.path],
      connections: 20,
      durationSeconds: options.loadSeconds,
      warmupSeconds: 3,
    });
    return {
      count: options.count,
      addedReadyMs: added.map(a => a.readyMs),
      byQuery20,
      errorLines: added.reduce((n, a) => n + a.proc.errorLines().length, 0),
    };
  } finally {
    await Promise.all(
      added.map(a => a.proc.stop('SIGTERM', 30_000).catch(() => {})),
    );
  }
}
