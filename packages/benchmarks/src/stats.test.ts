/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { median, percentile, summarizeLatencies } from './stats';

describe('percentile', () => {
  it('uses the nearest rank on an unsorted sample', () => {
    const samples = [15, 20, 35, 40, 50].reverse();
    expect(percentile(samples, 30)).toBe(20);
    expect(percentile(samples, 40)).toBe(20);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 100)).toBe(50);
    expect(percentile(samples, 0)).toBe(15);
  });

  it('puts p95 of 1..100 at 95 and p50 at 50', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses an empty sample and an out-of-range percentile', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
    expect(() => percentile([1], NaN)).toThrow(/between 0 and 100/);
  });
});

describe('summarizeLatencies', () => {
  it('reports percentiles, errors and requests per second over the duration', () => {
    const latencies = Array.from({ length: 200 }, (_, i) => i + 1); // 1..200 ms
    const summary = summarizeLatencies(latencies, 3, 4000);
    expect(summary).toEqual({
      requests: 200,
      errors: 3,
      p50Ms: 100,
      p95Ms: 190,
      p99Ms: 198,
      maxMs: 200,
      requestsPerSecond: 50,
    });
  });

  it('rounds to a tenth of a millisecond', () => {
    const summary = summarizeLatencies([1.234, 5.678], 0, 3000);
    expect(summary.p50Ms).toBe(1.2);
    expect(summary.p95Ms).toBe(5.7);
    expect(summary.requestsPerSecond).toBe(0.7);
  });

  it('fails on a run without successful requests or without duration', () => {
    expect(() => summarizeLatencies([], 10, 1000)).toThrow(/empty/);
    expect(() => summarizeLatencies([1], 0, 0)).toThrow(/positive/);
  });
});

describe('median', () => {
  it('takes the middle of five runs', () => {
    expect(median([9.1, 7.2, 30.5, 8.0, 8.4])).toBe(8.4);
  });
});
