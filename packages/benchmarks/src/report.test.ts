/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { BenchResults, formatTable, resultRows } from './report';

const load = (p50: number, p95: number, rps: number, errors = 0) => ({
  requests: 100,
  errors,
  p50Ms: p50,
  p95Ms: p95,
  p99Ms: p95,
  maxMs: p95,
  requestsPerSecond: rps,
  connections: 1,
  durationSeconds: 15,
});

function results(
  overrides: Partial<BenchResults['catalog']> = {},
  entities = 10_000,
): BenchResults {
  const tally = {
    scripts: 30,
    gzipBytes: 880_000,
    transferBytes: 880_000,
    rawBytes: 3_000_000,
  };
  return {
    startedAt: '2026-11-27T00:00:00Z',
    machine: { cpus: 2, node: 'v22', memoryGb: 24 },
    options: {
      extraConfigs: [],
      nodeOptions: null,
      entities,
      templateRuns: 5,
      loadSeconds: 15,
    },
    mix: {
      groups: 100,
      users: 1000,
      systems: 50,
      apis: 2000,
      components: 6850,
    },
    startup: { coldReadinessMs: 9000, warmReadinessMs: 8000, idleRssMb: 400 },
    catalog: {
      ingestionMs: 39_000,
      peakRssDuringIngestionMb: 600,
      rssAfterIngestionMb: 480,
      rssAfterLoadMb: 490,
      byQueryPath: '/api/catalog/entities/by-query?limit=20',
      byQueryPathSource: 'captured from the catalog page',
      byQuery1: load(20, 39, 45),
      byQuery20: load(200, 390, 80),
      byName20: load(30, 41, 700),
      ...overrides,
    },
    frontend: {
      signInPage: tally,
      firstSignedInPage: { ...tally, ms: 3000 },
      catalogFromSidebarMs: 900,
      catalogColdLoadMs: 1900,
      catalogCachedTabMs: 1200,
      catalogColdLoad: tally,
      catalogColdTimeline: {},
      catalogPagePath: '/catalog',
      catalogQueries: [],
      largestScripts: [],
    },
    scaffolder: { runsMs: [14_000], p50Ms: 14_000 },
  };
}

const met = (r: BenchResults, metric: RegExp) =>
  resultRows(r).find(row => metric.test(row.metric))!.met;

describe('resultRows', () => {
  it('marks every goal met when each number is inside its goal', () => {
    const rows = resultRows(results());
    expect(rows.filter(r => r.met === false)).toEqual([]);
    expect(rows.filter(r => r.met === true)).toHaveLength(8);
  });

  it('needs twice the stock throughput and p95 ≤ 400 ms at 20 clients', () => {
    expect(
      met(
        results({ byQuery20: load(200, 390, 73) }),
        /20 clients: p50 \/ p95, req/,
      ),
    ).toBe(false);
    expect(
      met(results({ byQuery20: load(200, 401, 90) }), /by-query, 20/),
    ).toBe(false);
    expect(
      met(results({ byQuery20: load(200, 390, 90, 1) }), /by-query, 20/),
    ).toBe(false);
  });

  it('misses ingestion and memory goals above their limits', () => {
    expect(met(results({ ingestionMs: 40_001 }), /^Ingest/)).toBe(false);
    expect(
      met(results({ rssAfterIngestionMb: 501 }), /RSS after ingestion/),
    ).toBe(false);
  });

  it('does not judge catalog goals on a smaller catalog', () => {
    const small = results({ ingestionMs: 999_999 }, 500);
    expect(met(small, /^Ingest/)).toBeUndefined();
    expect(met(small, /by-query, 1 client/)).toBeUndefined();
  });

  it('reports a failed template run as missed', () => {
    const r = results();
    r.scaffolder = { runsMs: [], p50Ms: NaN, error: 'boom' };
    expect(met(r, /FastAPI template/)).toBe(false);
    expect(resultRows(r).find(row => /FastAPI/.test(row.metric))!.ours).toMatch(
      /FAILED/,
    );
  });
});

describe('formatTable', () => {
  it('prints aligned Markdown rows with the goal verdicts', () => {
    const table = formatTable(resultRows(results({ ingestionMs: 83_000 })));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^\| Metric +\| Stock reference +\| Goal +\| Ours +\| Met \|$/,
    );
    expect(new Set(lines.map(l => l.length)).size).toBe(1);
    expect(table).toMatch(/Ingest 10000 entities.*83\.0 s +\| NO/);
  });
});
