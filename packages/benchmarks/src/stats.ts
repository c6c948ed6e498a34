/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The value below which `p` percent of the samples fall, by the
 * nearest-rank method: the smallest sample such that at least p% of all
 * samples are less than or equal to it. Throws on an empty list or a
 * percentile outside 0..100, so an empty measurement never reads as 0 ms.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) {
    throw new Error('percentile of an empty sample');
  }
  if (!(p >= 0 && p <= 100)) {
    throw new Error(`percentile must be between 0 and 100, got ${p}`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  if (p === 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1];
}

export interface LatencySummary {
  requests: number;
  /** Responses that were not 2xx (or failed connections). */
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
}

/**
 * Summarises one load run: latency percentiles of the successful requests
 * and the throughput of all of them over the run's wall-clock duration.
 */
export function summarizeLatencies(
  latenciesMs: readonly number[],
  errors: number,
  durationMs: number,
): LatencySummary {
  if (durationMs <= 0) {
    throw new Error(`duration must be positive, got ${durationMs}`);
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: latenciesMs.length,
    errors,
    p50Ms: round(percentile(latenciesMs, 50)),
    p95Ms: round(percentile(latenciesMs, 95)),
    p99Ms: round(percentile(latenciesMs, 99)),
    maxMs: round(Math.max(...latenciesMs)),
    requestsPerSecond: round((latenciesMs.length * 1000) / durationMs),
  };
}

/** Median of a few repeated timings (e.g. the template runs). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
