/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { FrontendResult } from './frontend';
import type { LoadResult } from './catalog';
import type { ReplicasResult } from './replicas';
import type { EntityMix } from './entities';

export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; node: string; memoryGb: number };
  options: {
    extraConfigs: string[];
    nodeOptions: string | null;
    entities: number;
    templateRuns: number;
    loadSeconds: number;
    /** Replicas of the scale-out figure (1: not measured). Older results lack it. */
    replicas?: number;
  };
  mix: EntityMix;
  startup: {
    coldReadinessMs: number;
    warmReadinessMs: number;
    idleRssMb: number;
  };
  catalog: {
    ingestionMs: number;
    peakRssDuringIngestionMb: number;
    rssAfterIngestionMb: number;
    rssAfterLoadMb: number;
    byQueryPath: string;
    byQueryPathSource:
      | 'captured from the catalog page, lifecycle filter added'
      | 'captured from the catalog page'
      | 'built (capture failed)';
    byQuery1: LoadResult;
    byQuery20: LoadResult;
    byName20: LoadResult;
    /** The catalog list at 20 clients on several replicas (`--replicas`). */
    replicas?: ReplicasResult;
  };
  frontend: FrontendResult;
  /** `error`: a template run failed; the benchmark exits non-zero. */
  scaffolder: { runsMs: number[]; p50Ms: number; error?: string };
}

/** The stock create-app reference from the issue (2-core machine). */
export const REFERENCE = {
  entities: 10_000,
  ingestionS: 83,
  byQuery1: { p50: 24, p95: 62 },
  byQuery20: { p50: 533, p95: 841, rps: 37 },
  byName20: { p95: 41, rps: 771 },
  rssAfterIngestionMb: 915,
  signInPageJsKb: 874,
  signInPageScripts: 21,
};

export interface Row {
  metric: string;
  reference: string;
  goal: string;
  ours: string;
  /** undefined: no goal, or not comparable at this catalog size. */
  met?: boolean;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kb = (bytes: number) => `${Math.round(bytes / 1000)} kB`;

/** The table rows: reference vs goal vs this run, with the goals checked. */
export function resultRows(r: BenchResults): Row[] {
  const full = r.options.entities === REFERENCE.entities;
  const atFull = (ok: boolean) => (full ? ok : undefined);
  const q1 = r.catalog.byQuery1;
  const q20 = r.catalog.byQuery20;
  const n20 = r.catalog.byName20;
  const fe = r.frontend;
  return [
    {
      metric: `Ingest ${r.options.entities} entities: readiness → all stitched`,
      reference: '83 s',
      goal: '≤ 40 s',
      ours: s(r.catalog.ingestionMs),
      met: atFull(r.catalog.ingestionMs <= 40_000),
    },
    {
      metric: 'by-query, 1 client: p50 / p95',
      reference: '24 / 62 ms',
      goal: 'p95 ≤ 40 ms',
      ours: `${q1.p50Ms} / ${q1.p95Ms} ms (${q1.requestsPerSecond} req/s)`,
      met: atFull(q1.p95Ms <= 40 && q1.errors === 0),
    },
    {
      metric: 'by-query, 20 clients: p50 / p95, req/s',
      reference: '533 / 841 ms, 37 req/s',
      goal: '≥ 74 req/s, p95 ≤ 400 ms',
      ours: `${q20.p50Ms} / ${q20.p95Ms} ms, ${q20.requestsPerSecond} req/s`,
      met: atFull(
        q20.requestsPerSecond >= 2 * REFERENCE.byQuery20.rps &&
          q20.p95Ms <= 400 &&
          q20.errors === 0,
      ),
    },
    ...(r.catalog.replicas
      ? [
          {
            metric: `by-query, 20 clients: 1 → ${r.catalog.replicas.count} replicas, one PostgreSQL`,
            reference: '–',
            goal: '–',
            ours: `${q20.requestsPerSecond} → ${r.catalog.replicas.byQuery20.requestsPerSecond} req/s (p95 ${q20.p95Ms} → ${r.catalog.replicas.byQuery20.p95Ms} ms)`,
          },
        ]
      : []),
    {
      metric: 'by-name, 20 clients: p50 / p95, req/s',
      reference: '? / 41 ms, 771 req/s',
      goal: '–',
      ours: `${n20.p50Ms} / ${n20.p95Ms} ms, ${n20.requestsPerSecond} req/s`,
    },
    {
      metric: 'Backend RSS after ingestion (peak during)',
      reference: '915 MB',
      goal: '≤ 500 MB',
      ours: `${r.catalog.rssAfterIngestionMb} MB (${r.catalog.peakRssDuringIngestionMb} MB)`,
      met: atFull(r.catalog.rssAfterIngestionMb <= 500),
    },
    {
      metric: 'Sign-in page JS (gzip), scripts',
      reference: '874 kB, 21',
      goal: '–',
      ours: `${kb(fe.signInPage.gzipBytes)}, ${fe.signInPage.scripts}`,
    },
    {
      metric: 'First signed-in page JS (gzip), scripts',
      reference: '–',
      goal: '≤ 900 kB',
      ours: `${kb(fe.firstSignedInPage.gzipBytes)}, ${
        fe.firstSignedInPage.scripts
      }`,
      met: fe.firstSignedInPage.gzipBytes <= 900_000,
    },
    {
      metric:
        'Catalog list visible (fresh tab without / with HTTP cache; from sidebar)',
      reference: '–',
      goal: '≤ 2 s',
      ours: `${s(fe.catalogColdLoadMs)} / ${s(fe.catalogCachedTabMs)}; ${s(
        fe.catalogFromSidebarMs,
      )}`,
      met: atFull(fe.catalogColdLoadMs <= 2000),
    },
    {
      metric: `FastAPI template, task created → completed (p50 of ${r.scaffolder.runsMs.length})`,
      reference: '–',
      goal: '≤ 15 s',
      ours: r.scaffolder.error ? 'FAILED (see JSON)' : s(r.scaffolder.p50Ms),
      met: !r.scaffolder.error && r.scaffolder.p50Ms <= 15_000,
    },
    {
      metric: 'Start-up: process start → ready (cold DB / warm)',
      reference: '≈ 6 s (dev, SQLite)',
      goal: '≤ 10 s',
      ours: `${s(r.startup.coldReadinessMs)} / ${s(r.startup.warmReadinessMs)}`,
      met: r.startup.coldReadinessMs <= 10_000,
    },
    {
      metric: 'Backend RSS at idle',
      reference: '≈ 450 MB (dev)',
      goal: '–',
      ours: `${r.startup.idleRssMb} MB`,
    },
  ];
}

function metLabel(met: boolean | undefined) {
  if (met === undefined) return '–';
  return met ? 'yes' : 'NO';
}

/** A plain-text table (also valid Markdown). */
export function formatTable(rows: Row[]): string {
  const header = ['Metric', 'Stock reference', 'Goal', 'Ours', 'Met'];
  const body = rows.map(r => [
    r.metric,
    r.reference,
    r.goal,
    r.ours,
    metLabel(r.met),
  ]);
  return markdownTable(header, body);
}

/** Rows of cells as a padded plain-text table (also valid Markdown). */
export function markdownTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map(b => b[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
