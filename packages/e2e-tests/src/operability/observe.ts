/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import { BundlePortal } from '../support/bundlePortal';
import { TestPostgres } from '@internal/test-support';
import { parsePrometheusText, Sample } from './prometheus';

// What the operability tests observe of a running backend: its answers
// (never failing: a refused or timed-out call is status 0), its memory and
// its metrics.

// What no answer may carry: the database's address, the driver's words.
export const forbidden = (pg: TestPostgres) => [
  pg.host,
  `:${pg.port}`,
  String(pg.port),
  'ECONNREFUSED',
  'ECONNRESET',
  'connect ',
  'Connection terminated',
  'Knex',
  'knex',
  'pg_',
  'postgres',
  'PostgreSQL',
  pg.password,
];

export interface Answer {
  path: string;
  at: number;
  status: number;
  retryAfter: string | null;
  body: string;
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export function rssMb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
}

export async function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<Omit<Answer, 'path' | 'at'>> {
  try {
    const res = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(15_000),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: await res.text(),
    };
  } catch (error) {
    return { status: 0, retryAfter: null, body: String(error) };
  }
}

export async function scrape(portal: BundlePortal): Promise<Sample[]> {
  const res = await fetch(portal.metricsUrl);
  if (!res.ok) throw new Error(`metrics answered ${res.status}`);
  return parsePrometheusText(await res.text());
}
