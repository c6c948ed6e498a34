/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { setTimeout as sleep } from 'node:timers/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { BackendProcess, launchBrowser } from '@internal/test-support';
import {
  ingestionProgress,
  runLoad,
  verifyRelations,
  watchIngestion,
} from '../catalog';
import { GeneratedCatalog } from '../entities';
import { rssMb } from '../bench';
import { SideFigures } from './compareReport';
import { measureFirstVisit, SignInFlow } from './firstVisit';

/** One app under test, as `measureSide` drives it. */
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

/**
 * Measures one app the way the comparison measures both: start on empty
 * databases, restart with the generated catalog and time ingestion, the
 * first visit in Chromium, then the four load phases. The caller stops
 * nothing of the side but what it started itself; the backend is stopped
 * here.
 */
export async function measureSide(
  side: Side,
  run: SideRun,
): Promise<SideFigures> {
  const { log } = run;
  const loadStart = os.loadavg()[0];
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

    const browser = await launchBrowser();
    let visit;
    try {
      visit = await measureFirstVisit(
        browser,
        baseUrl,
        side.signIn(baseUrl),
        side.catalogPagePath,
      );
    } finally {
      await browser.close();
    }
    log(
      `${side.name}: first page ${visit.firstPage.gzipBytes} bytes gzip in ${visit.firstPage.scripts} scripts, fresh-tab catalog ${visit.freshTabCatalogMs} ms`,
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
    const byNameUser = await load(userToken, namePaths);
    log(`${side.name}: by-name, user: ${JSON.stringify(byNameUser)}`);
    const byNameService = await load(side.serviceToken, namePaths);
    log(`${side.name}: by-name, service: ${JSON.stringify(byNameService)}`);
    const listWithCount = await load(side.serviceToken, [
      run.paths.listWithCount,
    ]);
    log(`${side.name}: list with count: ${JSON.stringify(listWithCount)}`);
    const pageQuery = await load(side.serviceToken, [run.paths.pageQuery]);
    log(`${side.name}: page query: ${JSON.stringify(pageQuery)}`);

    countErrors(backend);
    return {
      userPrincipal: side.userPrincipal,
      startupMs: first.readyMs,
      restartMs: second.readyMs,
      ingestionMs: ingestion.ms,
      rssAfterIngestionMb,
      byNameUser,
      byNameService,
      listWithCount,
      pageQuery,
      freshTabCatalogMs: visit.freshTabCatalogMs,
      firstPageJsGzipBytes: visit.firstPage.gzipBytes,
      firstPageScripts: visit.firstPage.scripts,
      loadAverage: { start: loadStart, end: os.loadavg()[0] },
      errorLines,
      errorSamples,
    };
  } finally {
    if (backend) {
      await backend.stop('SIGTERM', 30_000).catch(() => {});
      saveLog(backend, 'backend');
    }
  }
}
