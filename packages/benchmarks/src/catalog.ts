/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import type { TestPostgres } from '@internal/test-support';
import { ExpectedRelations, NAME_PREFIX } from './entities';
import { LatencySummary, summarizeLatencies } from './stats';

export interface IngestionProgress {
  /** Generated entities with a processed entity in refresh_state. */
  processed: number;
  /** Generated entities served by the API (stitched at least once). */
  stitched: number;
  /** Entity refs waiting in the stitch queue (all entities, not just ours). */
  stitchQueue: number;
  /** Entities still waiting for their first processing (all entities). */
  unprocessed: number;
}

const LIKE = `%:default/${NAME_PREFIX}%`;

/** Reads the catalog's own tables: what is processed, stitched and queued. */
export async function ingestionProgress(db: Pool): Promise<IngestionProgress> {
  const { rows } = await db.query(
    `SELECT
       (SELECT count(*) FROM refresh_state
         WHERE entity_ref LIKE $1 AND processed_entity IS NOT NULL) AS processed,
       (SELECT count(*) FROM final_entities f JOIN refresh_state r ON r.entity_id = f.entity_id
         WHERE r.entity_ref LIKE $1 AND f.final_entity IS NOT NULL) AS stitched,
       (SELECT count(*) FROM stitch_queue) AS stitch_queue,
       (SELECT count(*) FROM refresh_state WHERE processed_entity IS NULL) AS unprocessed`,
    [LIKE],
  );
  const r = rows[0];
  return {
    processed: Number(r.processed),
    stitched: Number(r.stitched),
    stitchQueue: Number(r.stitch_queue),
    unprocessed: Number(r.unprocessed),
  };
}

/**
 * Waits until all `total` generated entities are processed and stitched and
 * nothing is left in the stitch queue, sampling the backend's RSS on the
 * way. Returns the elapsed time and the peak RSS.
 */
export async function waitForIngestion(options: {
  db: Pool;
  total: number;
  timeoutMs: number;
  rssMb: () => number;
  onProgress?: (p: IngestionProgress, elapsedMs: number) => void;
}): Promise<{ ms: number; peakRssMb: number }> {
  const start = Date.now();
  let peakRssMb = 0;
  let lastReport = 0;
  let p: IngestionProgress | undefined;
  for (;;) {
    // A poll that fails (the database restarting) is simply taken again.
    p = (await ingestionProgress(options.db).catch(() => undefined)) ?? p;
    peakRssMb = Math.max(peakRssMb, options.rssMb());
    const elapsed = Date.now() - start;
    if (
      p &&
      p.processed === options.total &&
      p.stitched === options.total &&
      p.stitchQueue === 0 &&
      p.unprocessed === 0
    ) {
      return { ms: elapsed, peakRssMb };
    }
    if (p && elapsed - lastReport >= 10_000) {
      lastReport = elapsed;
      options.onProgress?.(p, elapsed);
    }
    if (elapsed > options.timeoutMs) {
      throw new Error(
        `Ingestion not finished after ${Math.round(
          elapsed / 1000,
        )} s: ${JSON.stringify(p)} of ${options.total}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

/** GETs all entities of a kind matching a filter, page by page. */
async function queryAll(
  baseUrl: string,
  token: string,
  filter: string,
  fields: string,
): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const params = cursor
      ? new URLSearchParams({ cursor, limit: '500' })
      : new URLSearchParams({ filter, fields, limit: '500' });
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?${params}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (!res.ok) throw new Error(`by-query answered ${res.status}`);
    const body = (await res.json()) as {
      items: any[];
      pageInfo: { nextCursor?: string };
    };
    items.push(...body.items);
    cursor = body.pageInfo.nextCursor;
  } while (cursor);
  return items;
}

/**
 * A pool of one connection to the catalog's database (`<prefix>catalog`) for
 * the progress polls: it reconnects after the database restarts, where a
 * single client would stay broken. An idle connection whose server goes away
 * emits 'error'; without a handler that ends the whole run, so `onError`
 * (default: ignore) takes it and the next poll opens a new connection.
 */
export function catalogPool(
  pg: TestPostgres,
  prefix: string,
  onError: (error: Error) => void = () => {},
): Pool {
  const pool = new Pool({
    max: 1,
    connectionString: `postgres://${encodeURIComponent(
      pg.user,
    )}:${encodeURIComponent(pg.password)}@${pg.host}:${
      pg.port
    }/${prefix}catalog`,
  });
  pool.on('error', onError);
  return pool;
}

/**
 * `waitForIngestion` with the benchmark's 30-minute limit and a progress line
 * (counts and the backend's RSS) every report.
 */
export function watchIngestion(options: {
  db: Pool;
  total: number;
  rssMb: () => number;
  log: (line: string) => void;
}) {
  return waitForIngestion({
    db: options.db,
    total: options.total,
    timeoutMs: 30 * 60_000,
    rssMb: options.rssMb,
    onProgress: (p, ms) =>
      options.log(
        `  ${Math.round(ms / 1000)} s: ${JSON.stringify(
          p,
        )}, RSS ${options.rssMb()} MB`,
      ),
  });
}

/**
 * Checks through the API that the stitched entities carry every reverse
 * relation the generated catalog implies; throws naming the difference.
 */
export async function verifyRelations(
  baseUrl: string,
  token: string,
  expected: ExpectedRelations,
): Promise<void> {
  const count = (entities: any[], type: string) =>
    entities.reduce(
      (n, e) =>
        n +
        (e.relations ?? []).filter(
          (r: any) =>
            r.type === type && r.targetRef.includes(`/${NAME_PREFIX}`),
        ).length,
      0,
    );
  const fields = 'kind,metadata.name,relations';
  const ours = (list: any[]) =>
    list.filter(e => e.metadata.name.startsWith(NAME_PREFIX));
  const groups = ours(await queryAll(baseUrl, token, 'kind=group', fields));
  const systems = ours(await queryAll(baseUrl, token, 'kind=system', fields));
  const apis = ours(await queryAll(baseUrl, token, 'kind=api', fields));
  const components = ours(
    await queryAll(baseUrl, token, 'kind=component', fields),
  );
  const actual: ExpectedRelations = {
    ownerOf: count(groups, 'ownerOf'),
    hasMember: count(groups, 'hasMember'),
    hasPart: count(systems, 'hasPart'),
    apiProvidedBy: count(apis, 'apiProvidedBy'),
    dependencyOf: count(components, 'dependencyOf'),
  };
  const wrong = (Object.keys(expected) as (keyof ExpectedRelations)[]).filter(
    k => actual[k] !== expected[k],
  );
  if (wrong.length > 0) {
    throw new Error(
      `Stitched relations differ from the generated catalog: ${wrong
        .map(k => `${k} ${actual[k]} != ${expected[k]}`)
        .join(', ')}`,
    );
  }
}

export interface LoadOptions {
  baseUrl: string;
  token: string;
  /** Request paths; used in turn, one per request. */
  paths: string[];
  connections: number;
  durationSeconds: number;
  warmupSeconds?: number;
  /** The backend's process: its CPU time per answered request is measured. */
  pid?: number;
}

export interface LoadResult extends LatencySummary {
  connections: number;
  durationSeconds: number;
  /**
   * CPU time (user + system, all threads) the backend process spent per
   * answered request during the measured phase: what a request costs the
   * server, whatever else the machine was doing.
   */
  backendCpuUsPerRequest?: number;
}

/**
 * CPU time of a process in milliseconds (user + system, every thread), from
 * `/proc/<pid>/stat`; undefined when it cannot be read (not Linux, gone).
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold
    // spaces; utime and stime are fields 14 and 15, in clock ticks (USER_HZ,
    // 100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

async function cannon(options: LoadOptions, durationSeconds: number) {
  let next = 0;
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  // Without a callback autocannon returns its run as a promise that is also
  // the event emitter of the run (its types only declare the promise).
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: durationSeconds,
    headers: {
      authorization: `Bearer ${options.token}`,
      accept: 'application/json',
    },
    requests: [
      {
        method: 'GET',
        setupRequest: req => {
          const path = options.paths[next++ % options.paths.length];
          return { ...req, path };
        },
      },
    ],
  }) as Promise<autocannon.Result> & EventEmitter;
  instance.on(
    'response',
    (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
      else errors += 1;
    },
  );
  instance.on('reqError', () => {
    errors += 1;
  });
  const result = await instance;
  const wallMs = Date.now() - started;
  errors += result.timeouts ?? 0;
  return {
    latencies,
    errors,
    durationMs: result.duration ? result.duration * 1000 : wallMs,
  };
}

/**
 * Runs a closed-loop load of `connections` concurrent clients with
 * autocannon; percentiles are computed from every response time.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds) {
    await cannon(options, options.warmupSeconds);
  }
  const cpuBefore = options.pid ? processCpuMs(options.pid) : undefined;
  const { latencies, errors, durationMs } = await cannon(
    options,
    options.durationSeconds,
  );
  const cpuAfter = options.pid ? processCpuMs(options.pid) : undefined;
  const summary = summarizeLatencies(latencies, errors, durationMs);
  return {
    ...summary,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    ...(cpuBefore !== undefined && cpuAfter !== undefined && summary.requests
      ? {
          backendCpuUsPerRequest: Math.round(
            ((cpuAfter - cpuBefore) * 1000) / summary.requests,
          ),
        }
      : {}),
  };
}

/**
 * The same closed-loop load spread over several replicas, as a load balancer
 * would (the connections split evenly, each replica hit directly, so no
 * proxy of ours sits in the measurement); one summary over every response.
 */
export async function runLoadAcross(
  options: Omit<LoadOptions, 'baseUrl'> & { baseUrls: string[] },
): Promise<LoadResult> {
  const shares = options.baseUrls.map(
    (_, i) =>
      Math.floor(options.connections / options.baseUrls.length) +
      (i < options.connections % options.baseUrls.length ? 1 : 0),
  );
  const run = (seconds: number) =>
    Promise.all(
      options.baseUrls.map((baseUrl, i) =>
        cannon({ ...options, baseUrl, connections: shares[i] }, seconds),
      ),
    );
  if (options.warmupSeconds) await run(options.warmupSeconds);
  const parts = await run(options.durationSeconds);
  return {
    ...summarizeLatencies(
      parts.flatMap(p => p.latencies),
      parts.reduce((n, p) => n + p.errors, 0),
      Math.max(...parts.map(p => p.durationMs)),
    ),
    connections: options.connections,
    durationSeconds: options.durationSeconds,
  };
}
