/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { LoadResult } from '../catalog';
import { markdownTable } from '../report';

/** The figures measured for one app, the same way for both. */
export interface SideFigures {
  /** Who the signed-in user is on this side, and which policy answers. */
  userPrincipal: string;
  /** Process start → readiness, on empty databases. */
  startupMs: number;
  /** Process start → readiness, the second start (with the generated catalog). */
  restartMs: number;
  /** Readiness → every generated entity processed and stitched, queue empty. */
  ingestionMs: number;
  rssAfterIngestionMb: number;
  byNameUser: LoadResult;
  byNameService: LoadResult;
  listWithCount: LoadResult;
  pageQuery: LoadResult;
  /** The catalog list in a fresh tab, HTTP cache disabled, until its first generated row. */
  freshTabCatalogMs: number;
  /** The first page's JavaScript (the sign-in page): gzip level 6 of each script. */
  firstPageJsGzipBytes: number;
  firstPageScripts: number;
  /**
   * Every round of the repeated phases, in order; each figure above is its
   * phase's median round. Absent in results from before rounds existed.
   */
  rounds?: SideRounds;
  /** The 1-minute load average at the side's start and end (the machine may be shared). */
  loadAverage: { start: number; end: number };
  /** Error-level lines the backend logged during the run. */
  errorLines: number;
  /** The first of them (at most 5, each cut at 400 characters), to say what failed. */
  errorSamples?: string[];
}

export interface SideRounds {
  byNameUser: LoadResult[];
  byNameService: LoadResult[];
  listWithCount: LoadResult[];
  pageQuery: LoadResult[];
  freshTabCatalogMs: number[];
}

export interface BaselineResults {
  startedAt: string;
  machine: { cpus: number; node: string; memoryGb: number };
  options: { entities: number; loadSeconds: number; rounds?: number };
  bare: {
    release: string;
    createAppVersion: string;
    dir: string;
  } & SideFigures;
  launchpad: SideFigures;
  /** The request paths both sides were loaded with. */
  paths: { listWithCount: string; pageQuery: string };
}

export interface ComparisonRow {
  figure: string;
  bare: string;
  launchpad: string;
  /** Launchpad / bare, with whether that is ahead or behind. */
  ratio: string;
  /** true: Launchpad ahead or even; undefined: not comparable. */
  ahead?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (mb: number) => `${Math.round(mb)} MiB`;
const kb = (bytes: number) =>
  `${Math.round(bytes / 1000).toLocaleString('en-US')} kB`;
const load = (r: LoadResult) =>
  `${r.requestsPerSecond} req/s, p95 ${r.p95Ms} ms${
    r.backendCpuUsPerRequest !== undefined
      ? `, ${r.backendCpuUsPerRequest.toLocaleString('en-US')} µs CPU/req`
      : ''
  }${r.errors ? `, ${r.errors} errors` : ''}`;

/**
 * Launchpad / bare, two decimals, and whether that is ahead: for times and
 * sizes lower is better, for throughput higher. A zero or missing bare
 * figure gives no ratio.
 */
export function ratio(
  launchpad: number,
  bare: number,
  better: 'lower' | 'higher',
): { text: string; ahead?: boolean } {
  if (!Number.isFinite(launchpad) || !Number.isFinite(bare) || bare <= 0) {
    return { text: '–' };
  }
  const r = launchpad / bare;
  const text = r.toFixed(2);
  if (text === '1.00') return { text: '1.00 (even)', ahead: true };
  const ahead = better === 'lower' ? r < 1 : r > 1;
  return { text: `${text} (${ahead ? 'ahead' : 'behind'})`, ahead };
}

/** Every figure for both apps, with the ratio, in the issue's order. */
export function comparisonRows(r: BaselineResults): ComparisonRow[] {
  const b = r.bare;
  const l = r.launchpad;
  const row = (
    figure: string,
    bare: string,
    launchpad: string,
    values: [number, number],
    better: 'lower' | 'higher',
  ): ComparisonRow => {
    const { text, ahead } = ratio(values[0], values[1], better);
    return { figure, bare, launchpad, ratio: text, ahead };
  };
  const loadRow = (
    figure: string,
    pick: (s: SideFigures) => LoadResult,
  ): ComparisonRow => {
    const lr = pick(l);
    const br = pick(b);
    const failed = lr.errors > 0 || br.errors > 0;
    const out = row(
      figure,
      load(br),
      load(lr),
      [lr.requestsPerSecond, br.requestsPerSecond],
      'higher',
    );
    // Errors make throughput incomparable: an error can be cheap.
    return failed
      ? { ...out, ratio: `${out.ratio}, with errors`, ahead: undefined }
      : out;
  };
  const n = r.options.entities.toLocaleString('en-US');
  return [
    row(
      'start-up, empty databases → ready',
      seconds(b.startupMs),
      seconds(l.startupMs),
      [l.startupMs, b.startupMs],
      'lower',
    ),
    row(
      'restart → ready',
      seconds(b.restartMs),
      seconds(l.restartMs),
      [l.restartMs, b.restartMs],
      'lower',
    ),
    row(
      `ingest ${n}: ready → all stitched`,
      seconds(b.ingestionMs),
      seconds(l.ingestionMs),
      [l.ingestionMs, b.ingestionMs],
      'lower',
    ),
    row(
      'RSS after ingestion',
      mib(b.rssAfterIngestionMb),
      mib(l.rssAfterIngestionMb),
      [l.rssAfterIngestionMb, b.rssAfterIngestionMb],
      'lower',
    ),
    loadRow(
      `entity by name, 20 clients, a signed-in user (bare: ${b.userPrincipal}; Launchpad: ${l.userPrincipal})`,
      s => s.byNameUser,
    ),
    loadRow('entity by name, 20 clients, service token', s => s.byNameService),
    loadRow(
      'catalog list with its total count, 20 clients, service token',
      s => s.listWithCount,
    ),
    loadRow(
      "the catalog page's query (totalItems=exclude), 20 clients, service token",
      s => s.pageQuery,
    ),
    row(
      'catalog list in a fresh tab, no cache (Chromium)',
      seconds(b.freshTabCatalogMs),
      seconds(l.freshTabCatalogMs),
      [l.freshTabCatalogMs, b.freshTabCatalogMs],
      'lower',
    ),
    row(
      'first page JavaScript (gzip; the sign-in page)',
      `${kb(b.firstPageJsGzipBytes)} in ${b.firstPageScripts}`,
      `${kb(l.firstPageJsGzipBytes)} in ${l.firstPageScripts}`,
      [l.firstPageJsGzipBytes, b.firstPageJsGzipBytes],
      'lower',
    ),
  ];
}

/** A Markdown table (also readable as plain text). */
export function formatComparison(rows: ComparisonRow[]): string {
  const header = ['figure', 'bare create-app', 'Launchpad', 'Launchpad / bare'];
  const body = rows.map(r => [r.figure, r.bare, r.launchpad, r.ratio]);
  return markdownTable(header, body);
}

/** Each repeated figure's rounds on both sides, when the run had rounds. */
function roundNotes(r: BaselineResults): string[] {
  const l = r.launchpad.rounds;
  const b = r.bare.rounds;
  if (!l || !b || !r.options.rounds) return [];
  const rps = (rs: LoadResult[]) => rs.map(x => x.requestsPerSecond).join(', ');
  const secs = (ms: number[]) => ms.map(x => (x / 1000).toFixed(2)).join(', ');
  const loads: [string, keyof Omit<SideRounds, 'freshTabCatalogMs'>][] = [
    ['entity by name, signed-in user', 'byNameUser'],
    ['entity by name, service token', 'byNameService'],
    ['list with its total count', 'listWithCount'],
    ["the catalog page's query", 'pageQuery'],
  ];
  return [
    `${r.options.rounds} rounds, the sides taking turns phase by phase (the idle backend paused with SIGSTOP); each figure above is its median round:`,
    ...loads.map(
      ([label, key]) =>
        `  ${label}: Launchpad ${rps(l[key])} req/s; bare ${rps(b[key])} req/s`,
    ),
    `  fresh tab: Launchpad ${secs(l.freshTabCatalogMs)} s; bare ${secs(
      b.freshTabCatalogMs,
    )} s`,
  ];
}

/** The lines printed under the table: machine, load, principals, paths. */
export function comparisonNotes(r: BaselineResults): string[] {
  const la = (s: SideFigures) =>
    `${s.loadAverage.start.toFixed(2)} → ${s.loadAverage.end.toFixed(2)}`;
  return [
    `${r.options.entities} entities, ${r.options.loadSeconds} s per load phase; ${r.machine.cpus} CPUs, Node ${r.machine.node}, ${r.machine.memoryGb} GB`,
    `bare: @backstage/create-app ${r.bare.createAppVersion} (Backstage ${r.bare.release}) in ${r.bare.dir}`,
    `load average (1 min) during each side: Launchpad ${la(
      r.launchpad,
    )}, bare ${la(r.bare)}`,
    `error-level log lines: Launchpad ${r.launchpad.errorLines}, bare ${r.bare.errorLines}`,
    ...(['launchpad', 'bare'] as const).flatMap(side =>
      (r[side].errorSamples ?? []).map(
        line => `  ${side === 'bare' ? 'bare' : 'Launchpad'}: ${line}`,
      ),
    ),
    ...roundNotes(r),
    `list with count: ${r.paths.listWithCount}`,
    `page query:      ${r.paths.pageQuery}`,
  ];
}
