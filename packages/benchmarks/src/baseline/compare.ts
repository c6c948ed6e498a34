/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  launchBrowser,
  repoRoot,
  signInViaGitHub,
  signInWithGitHub,
  startBackend,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';
import { prepareBundlePortal, prepareProductionRuntime } from 'e2e-tests';
import { LOGIN } from '../bench';
import { catalogPool, LoadResult } from '../catalog';
import { generateCatalog, toYaml } from '../entities';
import { CATALOG_PAGE_PATH } from '../frontend';
import { BareApp, ensureBareApp, prepareBareRuntime } from './bareApp';
import { bareBenchConfig } from './bareConfig';
import { BaselineResults, SideFigures, SideRounds } from './compareReport';
import { listPaths } from './requests';
import { measureRounds, medianBy, RoundPhase, roundSchedule } from './rounds';
import {
  PhaseResult,
  prepareSide,
  RunningSide,
  SetupFigures,
  Side,
  SideRun,
} from './side';

export interface BaselineOptions {
  entities: number;
  loadSeconds: number;
  /** How many times each load phase and the fresh tab are measured per side (odd). */
  rounds: number;
  /** Build the bare app again even when the cache has it. */
  rebuild?: boolean;
  keep: boolean;
  log: (line: string) => void;
}

/** An image's NODE_OPTIONS with `extra` appended (a profiler's flags). */
function withNodeOptions(image: string | undefined, extra: string | undefined) {
  return extra ? `${image ?? ''} ${extra}`.trim() : image;
}

/** The bare create-app started as its Dockerfile's CMD, with the bench overlay. */
export async function bareSide(
  bare: BareApp,
  pg: TestPostgres,
  work: string,
  /** Added to the image's NODE_OPTIONS (a profiler: probeLoadProfile.ts). */
  extraNodeOptions?: string,
): Promise<Side & { stop(): Promise<void> }> {
  const port = await freePort();
  const prefix = 'bare_';
  const serviceToken = randomBytes(24).toString('hex');
  const overlay = path.join(work, 'app-config.bare-bench.yaml');
  fs.writeFileSync(
    overlay,
    bareBenchConfig({ port, databasePrefix: prefix, serviceToken }),
  );
  const catalogDb = catalogPool(pg, prefix);
  const cwd = await prepareBareRuntime(bare, path.join(work, 'bare-app'));
  return {
    name: 'bare create-app',
    catalogDb,
    serviceToken,
    userPrincipal: 'guest, allow-all policy',
    catalogPagePath: CATALOG_PAGE_PATH.replace('/catalog?', '/?'),
    async start(entitiesFile) {
      const t0 = Date.now();
      const proc = await startBackend({
        cwd,
        command: [...bare.command, '--config', overlay],
        port,
        env: {
          ...bare.env,
          ...(extraNodeOptions && {
            NODE_OPTIONS: withNodeOptions(
              bare.env.NODE_OPTIONS,
              extraNodeOptions,
            ),
          }),
          NODE_ENV: 'production',
          APP_CONFIG_backend_listen_port: undefined,
          APP_CONFIG_backend_baseUrl: undefined,
          POSTGRES_HOST: pg.host,
          POSTGRES_PORT: String(pg.port),
          POSTGRES_USER: pg.user,
          POSTGRES_PASSWORD: pg.password,
          BENCH_ENTITIES_FILE: entitiesFile,
          HOME: work,
        },
        readyTimeoutMs: 120_000,
      });
      return { proc, readyMs: Date.now() - t0 };
    },
    async userToken(baseUrl) {
      const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      const body = (await res.json().catch(() => ({}))) as any;
      const token = body?.backstageIdentity?.token;
      if (!res.ok || !token) {
        throw new Error(
          `guest sign-in on the bare app answered ${
            res.status
          }: ${JSON.stringify(body)}`,
        );
      }
      return token;
    },
    signIn: () => ({
      button: /^enter$/i,
      run: async page => {
        await page
          .getByRole('button', { name: /^enter$/i })
          .first()
          .click();
        await page
          .getByRole('button', { name: /^enter$/i })
          .first()
          .waitFor({ state: 'detached', timeout: 60_000 });
      },
    }),
    stop: () => catalogDb.end(),
  };
}

/** The portal's production build with its stand-ins, as `yarn bench` runs it. */
export async function launchpadSide(
  pg: TestPostgres,
  work: string,
  /** Added to the image's NODE_OPTIONS (a profiler: probeLoadProfile.ts). */
  extraNodeOptions?: string,
): Promise<Side & { stop(): Promise<void> }> {
  const prefix = 'launchpad_';
  const runtime = await prepareProductionRuntime(
    repoRoot,
    path.join(work, 'app'),
  );
  const portal = await prepareBundlePortal({
    work,
    runtime,
    pg,
    databasePrefix: prefix,
    configs: ['packages/benchmarks/app-config.bench.yaml'],
    nodeOptions: withNodeOptions(runtime.env.NODE_OPTIONS, extraNodeOptions),
  });
  const catalogDb = catalogPool(pg, prefix);
  return {
    name: 'Launchpad',
    catalogDb,
    serviceToken: portal.apiToken,
    userPrincipal: `user:default/${LOGIN}, policy's conditional decision`,
    catalogPagePath: CATALOG_PAGE_PATH,
    start: entitiesFile =>
      portal.start({ BENCH_ENTITIES_FILE: entitiesFile, BENCH_WORK_DIR: work }),
    userToken: async baseUrl => (await signInViaGitHub(baseUrl, LOGIN)).token,
    settled: async baseUrl =>
      (
        await fetch(
          `${baseUrl}/api/catalog/entities/by-name/user/default/${LOGIN}`,
          {
            headers: { authorization: `Bearer ${portal.apiToken}` },
          },
        )
      ).ok,
    signIn: baseUrl => ({
      button: /sign in/i,
      run: async page => {
        await signInWithGitHub(page, baseUrl, LOGIN);
        await page
          .getByRole('button', { name: /sign in/i })
          .first()
          .waitFor({ state: 'detached', timeout: 60_000 });
      },
    }),
    stop: async () => {
      await catalogDb.end();
      await portal.stop();
    },
  };
}

/** A side's figures: its set-up's, and each repeated phase's median round. */
function sideFigures(
  setup: SetupFigures,
  rounds: Record<RoundPhase, PhaseResult[]>,
  errors: { errorLines: number; errorSamples: string[] },
  loadAverage: { start: number; end: number },
): SideFigures {
  const loads = (phase: Exclude<RoundPhase, 'freshTab'>) =>
    rounds[phase] as LoadResult[];
  const all: SideRounds = {
    byNameUser: loads('byNameUser'),
    byNameService: loads('byNameService'),
    listWithCount: loads('listWithCount'),
    pageQuery: loads('pageQuery'),
    freshTabCatalogMs: rounds.freshTab as number[],
  };
  const rps = (r: LoadResult) => r.requestsPerSecond;
  return {
    ...setup,
    byNameUser: medianBy(all.byNameUser, rps),
    byNameService: medianBy(all.byNameService, rps),
    listWithCount: medianBy(all.listWithCount, rps),
    pageQuery: medianBy(all.pageQuery, rps),
    freshTabCatalogMs: medianBy(all.freshTabCatalogMs, ms => ms),
    rounds: all,
    loadAverage,
    ...errors,
  };
}

/**
 * `yarn bench --baseline`: the same figures for the portal and for a bare
 * create-app of the same release on one PostgreSQL (fresh databases for
 * each, by prefix), with the same entity file and the same requests: each
 * side's start-up and ingestion one after the other, then the load phases
 * and the fresh tab in alternating rounds.
 */
export async function runBaseline(
  options: BaselineOptions,
): Promise<BaselineResults> {
  const { log } = options;
  // Refuses a bad number of rounds before minutes of set-up.
  const schedule = roundSchedule(options.rounds);
  const startedAt = new Date().toISOString();
  const bare = await ensureBareApp({
    repoRoot,
    rebuild: options.rebuild,
    log,
  });
  const catalog = generateCatalog(options.entities);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-baseline-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  // Backends first: a paused one is resumed before it is stopped.
  const running: RunningSide[] = [];
  try {
    log(`work folder ${work}`);
    const emptyFile = path.join(work, 'entities-empty.yaml');
    const entitiesFile = path.join(work, 'entities.yaml');
    fs.writeFileSync(emptyFile, '');
    fs.writeFileSync(entitiesFile, toYaml(catalog.entities));
    // Always a private cluster, even with PORTAL_TEST_PG_URL set: both
    // apps get fresh databases under fixed prefixes.
    const pg = await startPostgres({ ownCluster: true });
    cleanups.unshift(() => pg.stop());
    const run: SideRun = {
      catalog,
      emptyFile,
      entitiesFile,
      loadSeconds: options.loadSeconds,
      paths: listPaths(),
      logDir: work,
      log,
    };

    const browser = await launchBrowser();
    cleanups.unshift(() => browser.close());
    const loadAverage = {
      launchpad: { start: 0, end: 0 },
      bare: { start: 0, end: 0 },
    };

    // Each side's start-up and ingestion with the machine to itself; its
    // backend is paused (SIGSTOP) while the other side is brought up.
    loadAverage.launchpad.start = os.loadavg()[0];
    const ours = await launchpadSide(pg, work);
    cleanups.unshift(() => ours.stop());
    running.push(await prepareSide(ours, run, browser));
    loadAverage.bare.start = os.loadavg()[0];
    const theirs = await bareSide(bare, pg, work);
    cleanups.unshift(() => theirs.stop());
    running.push(await prepareSide(theirs, run, browser));

    // The repeated phases take turns, so drift weighs on both sides alike.
    const [ourRounds, bareRounds] = await measureRounds(
      [running[0], running[1]],
      schedule,
      log,
    );
    loadAverage.launchpad.end = loadAverage.bare.end = os.loadavg()[0];
    const [ourErrors, bareErrors] = [
      await running[0].stop(),
      await running[1].stop(),
    ];
    const launchpad = sideFigures(
      running[0].setup,
      ourRounds,
      ourErrors,
      loadAverage.launchpad,
    );
    const bareFigures = sideFigures(
      running[1].setup,
      bareRounds,
      bareErrors,
      loadAverage.bare,
    );

    return {
      startedAt,
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      },
      options: {
        entities: options.entities,
        loadSeconds: options.loadSeconds,
        rounds: options.rounds,
      },
      bare: {
        release: bare.release,
        createAppVersion: bare.createAppVersion,
        dir: bare.dir,
        ...bareFigures,
      },
      launchpad,
      paths: run.paths,
    };
  } finally {
    for (const side of running) await side.stop().catch(() => {});
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    if (options.keep) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}
