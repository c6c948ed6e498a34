/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  BaselineResults,
  comparisonNotes,
  comparisonRows,
  formatComparison,
  ratio,
  SideFigures,
} from './compareReport';

const load = (rps: number, p95: number, errors = 0) => ({
  requests: rps * 15,
  errors,
  p50Ms: p95 / 2,
  p95Ms: p95,
  p99Ms: p95,
  maxMs: p95,
  requestsPerSecond: rps,
  connections: 20,
  durationSeconds: 15,
});

function side(overrides: Partial<SideFigures> = {}): SideFigures {
  return {
    userPrincipal: 'guest, allow-all policy',
    startupMs: 7400,
    restartMs: 5400,
    ingestionMs: 81_000,
    rssAfterIngestionMb: 682,
    byNameUser: load(316, 100),
    byNameService: load(630, 50),
    listWithCount: load(53, 554),
    pageQuery: load(105, 300),
    freshTabCatalogMs: 2180,
    firstPageJsGzipBytes: 1_034_000,
    firstPageScripts: 21,
    loadAverage: { start: 0.2, end: 1.9 },
    errorLines: 0,
    ...overrides,
  };
}

function results(launchpad: Partial<SideFigures>): BaselineResults {
  return {
    startedAt: '2026-12-06T12:00:00Z',
    machine: { cpus: 2, node: 'v22.23.3', memoryGb: 24 },
    options: { entities: 10_000, loadSeconds: 15 },
    bare: {
      release: '1.55.0',
      createAppVersion: '0.9.2',
      dir: '/root/.cache/launchpad/bench-baseline/1.55.0-abc',
      ...side(),
    },
    launchpad: side({
      userPrincipal: "user:default/sora-choi, policy's conditional decision",
      ...launchpad,
    }),
    paths: {
      listWithCount: '/api/catalog/entities/by-query?limit=20',
      pageQuery: '/api/catalog/entities/by-query?limit=20&totalItems=exclude',
    },
  };
}

describe('ratio', () => {
  it('is Launchpad / bare; lower is ahead for times and sizes', () => {
    expect(ratio(8800, 7400, 'lower')).toEqual({
      text: '1.19 (behind)',
      ahead: false,
    });
    expect(ratio(450, 682, 'lower')).toEqual({
      text: '0.66 (ahead)',
      ahead: true,
    });
  });

  it('higher is ahead for throughput', () => {
    expect(ratio(226, 316, 'higher')).toEqual({
      text: '0.72 (behind)',
      ahead: false,
    });
    expect(ratio(126, 105, 'higher')).toEqual({
      text: '1.20 (ahead)',
      ahead: true,
    });
  });

  it('calls a ratio that rounds to 1.00 even', () => {
    expect(ratio(1001, 1000, 'lower')).toEqual({
      text: '1.00 (even)',
      ahead: true,
    });
  });

  it('gives no ratio without a bare figure', () => {
    expect(ratio(10, 0, 'lower')).toEqual({ text: '–' });
    expect(ratio(Number.NaN, 10, 'higher')).toEqual({ text: '–' });
  });
});

describe('comparisonRows', () => {
  const rows = comparisonRows(
    results({
      startupMs: 8800,
      rssAfterIngestionMb: 450,
      byNameUser: load(226, 161),
      pageQuery: load(126, 250),
      firstPageJsGzipBytes: 856_000,
      firstPageScripts: 26,
    }),
  );

  it('has every figure of the issue, in its order', () => {
    expect(rows.map(r => r.figure)).toEqual([
      'start-up, empty databases → ready',
      'restart → ready',
      'ingest 10,000: ready → all stitched',
      'RSS after ingestion',
      "entity by name, 20 clients, a signed-in user (bare: guest, allow-all policy; Launchpad: user:default/sora-choi, policy's conditional decision)",
      'entity by name, 20 clients, service token',
      'catalog list with its total count, 20 clients, service token',
      "the catalog page's query (totalItems=exclude), 20 clients, service token",
      'catalog list in a fresh tab, no cache (Chromium)',
      'first page JavaScript (gzip; the sign-in page)',
    ]);
  });

  it('shows both figures and the ratio', () => {
    expect(rows[0]).toEqual({
      figure: 'start-up, empty databases → ready',
      bare: '7.4 s',
      launchpad: '8.8 s',
      ratio: '1.19 (behind)',
      ahead: false,
    });
    expect(rows[3]).toMatchObject({
      bare: '682 MiB',
      launchpad: '450 MiB',
      ratio: '0.66 (ahead)',
    });
    expect(rows[4]).toMatchObject({
      bare: '316 req/s, p95 100 ms',
      launchpad: '226 req/s, p95 161 ms',
      ratio: '0.72 (behind)',
    });
    expect(rows[7].ratio).toBe('1.20 (ahead)');
    expect(rows[9]).toMatchObject({
      bare: '1,034 kB in 21',
      launchpad: '856 kB in 26',
      ratio: '0.83 (ahead)',
    });
  });

  it('does not call a load phase with errors ahead', () => {
    const [, , , , , byName] = comparisonRows(
      results({ byNameService: load(900, 10, 37) }),
    );
    expect(byName.launchpad).toBe('900 req/s, p95 10 ms, 37 errors');
    expect(byName.ratio).toBe('1.43 (ahead), with errors');
    expect(byName.ahead).toBeUndefined();
  });

  it("shows what a request cost each backend's CPU when it was measured", () => {
    const [, , , , , byName] = comparisonRows(
      results({
        byNameService: { ...load(1100, 30), backendCpuUsPerRequest: 1040 },
      }),
    );
    expect(byName.launchpad).toBe('1100 req/s, p95 30 ms, 1,040 µs CPU/req');
    expect(byName.bare).toBe('630 req/s, p95 50 ms');
  });

  it('names the catalog size of a small run', () => {
    const small = results({});
    small.options.entities = 500;
    expect(comparisonRows(small)[2].figure).toBe(
      'ingest 500: ready → all stitched',
    );
  });
});

describe('formatComparison', () => {
  it('is a Markdown table with aligned columns', () => {
    const table = formatComparison([
      {
        figure: 'a',
        bare: '1.0 s',
        launchpad: '2.0 s',
        ratio: '2.00 (behind)',
      },
    ]).split('\n');
    expect(table).toEqual([
      '| figure | bare create-app | Launchpad | Launchpad / bare |',
      '|--------|-----------------|-----------|------------------|',
      '| a      | 1.0 s           | 2.0 s     | 2.00 (behind)    |',
    ]);
  });
});

describe('comparisonNotes', () => {
  it('names the machine load during each side and the request paths', () => {
    const notes = comparisonNotes(
      results({
        errorLines: 2,
        errorSamples: ['{"level":"error","message":"boom"}'],
      }),
    );
    expect(notes).toContain(
      'load average (1 min) during each side: Launchpad 0.20 → 1.90, bare 0.20 → 1.90',
    );
    expect(notes).toContain('error-level log lines: Launchpad 2, bare 0');
    expect(notes).toContain('  Launchpad: {"level":"error","message":"boom"}');
    expect(notes[1]).toBe(
      'bare: @backstage/create-app 0.9.2 (Backstage 1.55.0) in /root/.cache/launchpad/bench-baseline/1.55.0-abc',
    );
  });

  it('lists every round of each repeated figure, when the run had rounds', () => {
    const rounds = (rps: number[], fresh: number[]) => ({
      byNameUser: rps.map(n => load(n, 100)),
      byNameService: rps.map(n => load(2 * n, 50)),
      listWithCount: rps.map(n => load(n / 10, 500)),
      pageQuery: rps.map(n => load(n / 5, 300)),
      freshTabCatalogMs: fresh,
    });
    const r = results({ rounds: rounds([310, 290, 330], [1500, 1250, 1720]) });
    expect(comparisonNotes(r).some(n => n.includes('rounds'))).toBe(false);
    r.options.rounds = 3;
    r.bare.rounds = rounds([300, 320, 280], [2100, 2200, 2000]);
    const notes = comparisonNotes(r);
    expect(notes).toContain(
      '3 rounds, the sides taking turns phase by phase (the idle backend paused with SIGSTOP); each figure above is its median round:',
    );
    expect(notes).toContain(
      '  entity by name, service token: Launchpad 620, 580, 660 req/s; bare 600, 640, 560 req/s',
    );
    expect(notes).toContain(
      '  fresh tab: Launchpad 1.50, 1.25, 1.72 s; bare 2.10, 2.20, 2.00 s',
    );
    expect(notes[notes.length - 2]).toMatch(/^list with count: /);
  });
});
