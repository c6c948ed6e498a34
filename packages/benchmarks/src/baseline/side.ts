/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { setTimeout as sleep } from 'node:timers/promises';
import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import type { Browser, BrowserContext } from 'playwright-core';
import { BackendProcess } from '@internal/test-support';
import {
  ingestionProgress,
  LoadResult,
  runLoad,
  verifyRelations,
  watchIngestion,
} from '../catalog';
import { GeneratedCatalog } from '../entities';
import { rssMb } from '../bench';
import { coldCatalogTab } from '../frontend';
import { SideFigures } from './compareReport';
import { signInForVisits, SignInFlow } from './firstVisit';
import { RoundPhase } from './rounds';

/** One app under test, as `prepareSide` drives it. */
export interface Side {
  name: string;
  /** Starts the backend with `BENCH_ENTITIES_FILE` set to `entitiesFile`. */
  start(
    entitiesFile: string,
  ): Promise<{ proc: BackendProcess; readyMs: number }>;
  /** The app's `<prefix>catalog` database. */
  catalogDb: Pool;
  serviceToken: string;
  /** A signed-in user's Backstage token, from the running backend. */
  userToken(baseUrl: string): Promise<string>;
  userPrincipal: string;
  signIn(baseUrl: string): SignInFlow;
  /** The app's catalog page with the Component list for all owners. */
  catalogPagePath: string;
  /** More to wait for after the empty start (e.g. the org's users). */
  settled?(baseUrl: string): Promise<boolean>;
}

export interface SideRun {
  catalog: GeneratedCatalog;
  emptyFile: string;
  entitiesFile: string;
  loadSeconds: number;
  paths: { listWithCount: string; pageQuery: string };
  /** Where each backend's log is written (`<side>-startup.log`, `<side>-backend.log`). */
  logDir: string;
  log(line: string): void;
}

async function getJson(baseUrl: string, token: string, pathname: string) {
  const res = await fetch(`${baseUrl}${pathname}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) {
    throw new Error(
      `GET ${pathname} answered ${res.status}: ${await res.text()}`,
    );
  }
  return res.json() as Promise<any>;
}

/**
 * Checks that both list requests answer as they must before they are
 * loaded: a page of 20 (or every production component of a small catalog),
 * and with the count, a total that includes every generated production
 * component (the portal's own files add a few more).
 */
async function checkListRequests(baseUrl: string, token: string, run: SideRun) {
  const production = run.catalog.entities.filter(
    e => e.kind === 'Component' && e.spec.lifecycle === 'production',
  ).length;
  const page = Math.min(20, production);
  const withCount = await getJson(baseUrl, token, run.paths.listWithCount);
  if (
    withCount.items.length !== page ||
    !(withCount.totalItems >= production)
  ) {
    throw new Error(
      `${run.paths.listWithCount} gave ${withCount.items.length} items of ${withCount.totalItems}, expected ${page} of at least ${production}`,
    );
  }
  const without = await getJson(baseUrl, token, run.paths.pageQuery);
  if (without.items.length !== page) {
    throw new Error(
      `${run.paths.pageQuery} gave ${without.items.length} items, expected ${page}`,
    );
  }
}

/** Quiet time after a side is resumed and before it is paused again. */
const SETTLE_MS = 1000;

/** One phase's measurement on a side that is up and resumed. */
export type PhaseResult = LoadResult | number;

/**
 * A side after its start-up, ingestion and first visit: the backend is up
 * and paused (`SIGSTOP`), so it takes no CPU while the other side is
 * measured; `measure` resumes it for one phase and pauses it again.
 */
export interface RunningSide {
  name: string;
  setup: SetupFigures;
  measure(phase: RoundPhase): Promise<PhaseResult>;
  /** Resumes and stops the backend, saves its log; idempotent. */
  stop(): Promise<{ errorLines: number; errorSamples: string[] }>;
}

export type SetupFigures = Pick<
  SideFigures,
  | 'userPrincipal'
  | 'startupMs'
  | 'restartMs'
  | 'ingestionMs'
  | 'rssAfterIngestionMb'
  | 'firstPageJsGzipBytes'
  | 'firstPageScripts'
>;

/**
 * Brings one app to where the comparison measures it, the same way for
 * both: start on empty databases, restart with the generated catalog and
 * time ingestion, sign in with Chromium and measure the first page, check
 * the list requests. Then pauses the backend and hands it over for the
 * rounds (`RunningSide`). On failure the backend is stopped here.
 */
export async function prepareSide(
  side: Side,
  run: SideRun,
  browser: Browser,
): Promise<RunningSide> {
  const { log } = run;
  let backend: BackendProcess | undefined;
  let errorLines = 0;
  const errorSamples: string[] = [];
  const countErrors = (proc: BackendProcess) => {
    const lines = proc.errorLines();
    errorLines += lines.length;
    for (const line of lines)
      if (errorSamples.length < 5) errorSamples.push(line.slice(0, 400));
  };
  const slug = side.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const saveLog = (proc: BackendProcess, name: string) =>
    fs.writeFileSync(
      path.join(run.logDir, `${slug}-${name}.log`),
      proc.logs().join('\n'),
    );
  let paused = false;
  const signal = (sig: 'SIGSTOP' | 'SIGCONT') => {
    const pid = backend?.child.pid;
    if (pid === undefined || backend?.child.exitCode !== null) return;
    process.kill(pid, sig);
    paused = sig === 'SIGSTOP';
  };
  let stopped: { errorLines: number; errorSamples: string[] } | undefined;
  const stop = async () => {
    if (stopped) return stopped;
    if (backend) {
      // A stopped process does not act on SIGTERM until it is continued.
      if (paused) signal('SIGCONT');
      countErrors(backend);
      await backend.stop('SIGTERM', 30_000).catch(() => {});
      saveLog(backend, 'backend');
    }
    stopped = { errorLines, errorSamples };
    return stopped;
  };
  let context: BrowserContext | undefined;
  try {
    log(`${side.name}: start-up on empty databases`);
    const first = await side.start(run.emptyFile);
    backend = first.proc;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const p = await ingestionProgress(side.catalogDb).catch(() => undefined);
      const more = side.settled
        ? await side.settled(backend.baseUrl).catch(() => false)
        : true;
      if (p && p.unprocessed === 0 && p.stitchQueue === 0 && more) break;
      if (Date.now() > deadline) {
        throw new Error(
          `${
            side.name
          }: the catalog did not settle after start-up: ${JSON.stringify(p)}`,
        );
      }
      await sleep(500);
    }
    log(`${side.name}: ready after ${first.readyMs} ms`);
    countErrors(backend);
    await backend.stop('SIGTERM', 30_000);
    saveLog(backend, 'startup');

    log(`${side.name}: restart with ${run.catalog.entities.length} entities`);
    const second = await side.start(run.entitiesFile);
    backend = second.proc;
    const { baseUrl } = backend;
    const pid = backend.child.pid;
    const ingestion = await watchIngestion({
      db: side.catalogDb,
      total: run.catalog.entities.length,
      rssMb: () => rssMb(pid),
      log,
    });
    const rssAfterIngestionMb = rssMb(pid);
    log(
      `${side.name}: restart ready after ${second.readyMs} ms, ingested in ${ingestion.ms} ms, RSS ${rssAfterIngestionMb} MB`,
    );
    await verifyRelations(baseUrl, side.serviceToken, run.catalog.expected);

    const visit = await signInForVisits(
      browser,
      baseUrl,
      side.signIn(baseUrl),
      side.catalogPagePath,
    );
    context = visit.context;
    log(
      `${side.name}: first page ${visit.firstPage.gzipBytes} bytes gzip in ${visit.firstPage.scripts} scripts`,
    );

    const userToken = await side.userToken(baseUrl);
    await checkListRequests(baseUrl, side.serviceToken, run);
    const namePaths = run.catalog.entities
      .filter(e => e.kind === 'Component')
      .map(
        e =>
          `/api/catalog/entities/by-name/component/default/${e.metadata.name}`,
      );
    const load = (token: string, paths: string[]) =>
      runLoad({
        baseUrl,
        token,
        paths,
        connections: 20,
        durationSeconds: run.loadSeconds,
        warmupSeconds: 3,
        pid,
      });
    const phases: Record<RoundPhase, () => Promise<PhaseResult>> = {
      byNameUser: () => load(userToken, namePaths),
      byNameService: () => load(side.serviceToken, namePaths),
      listWithCount: () => load(side.serviceToken, [run.paths.listWithCount]),
      pageQuery: () => load(side.serviceToken, [run.paths.pageQuery]),
      freshTab: async () =>
        (
          await coldCatalogTab(
            visit.context,
            `${baseUrl}${side.catalogPagePath}`,
          )
        ).ms,
    };
    signal('SIGSTOP');
    return {
      name: side.name,
      setup: {
        userPrincipal: side.userPrincipal,
        startupMs: first.readyMs,
        restartMs: second.readyMs,
        ingestionMs: ingestion.ms,
        rssAfterIngestionMb,
        firstPageJsGzipBytes: visit.firstPage.gzipBytes,
        firstPageScripts: visit.firstPage.scripts,
      },
      async measure(phase) {
        if (stopped) throw new Error(`${side.name} is stopped`);
        signal('SIGCONT');
        try {
          // Timers that fell due while it was paused (keep-alive sockets,
          // schedules) fire before the first request arrives.
          await sleep(SETTLE_MS);
          const result = await phases[phase]();
          log(`${side.name}: ${phase}: ${JSON.stringify(result)}`);
          return result;
        } finally {
          // Requests still in flight inside the backend (a catalog read's
          // call to the permission backend) finish before it is paused.
          await sleep(SETTLE_MS);
          signal('SIGSTOP');
        }
      },
      stop: async () => {
        await context?.close().catch(() => {});
        return stop();
      },
    };
  } catch (error) {
    await context?.close().catch(() => {});
    await stop();
    throw error;
  }
}
