/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  BackendProcess,
  launchBrowser,
  repoRoot,
  signInViaGitHub,
  startPostgres,
} from '@internal/test-support';
import {
  prepareBundlePortal,
  prepareProductionRuntime,
  runFastApiTemplate,
} from 'e2e-tests';
import {
  runLoad,
  verifyRelations,
  catalogPool,
  watchIngestion,
  ingestionProgress,
} from './catalog';
import { generateCatalog, NAME_PREFIX, toYaml } from './entities';
import { measureFrontend, withLifecycle } from './frontend';
import { measureReplicas } from './replicas';
import { BenchResults } from './report';
import { median } from './stats';

export interface BenchOptions {
  entities: number;
  templateRuns: number;
  loadSeconds: number;
  /** Keep the work folder (logs, unpacked build) for inspection. */
  keep: boolean;
  /** More config files layered last, e.g. proposed production tuning. */
  extraConfigs?: string[];
  /** NODE_OPTIONS for the backend only (e.g. a heap cap or --cpu-prof). */
  nodeOptions?: string;
  /** Keep backend and PostgreSQL running this long after measuring (for EXPLAIN, profiling). */
  holdSeconds?: number;
  /** Replicas for the scale-out figure; 1 skips it. */
  replicas?: number;
  log: (line: string) => void;
}

// A developer on a product team (payments): not in the platform group, so the
// permission policy answers catalog reads with a conditional decision, as it
// does for most users; payments may run templates.
export const LOGIN = 'sora-choi';

/** Resident set size of a process, from /proc (0 when it is gone). */
export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** Runs every measurement once; see README.md for what each one means. */
export async function runBenchmark(
  options: BenchOptions,
): Promise<BenchResults> {
  const { log } = options;
  const startedAt = new Date().toISOString();
  const catalog = generateCatalog(options.entities);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-bench-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  let backend: BackendProcess | undefined;
  try {
    log(`work folder ${work}`);
    const runtime = await prepareProductionRuntime(
      repoRoot,
      path.join(work, 'app'),
    );
    const emptyFile = path.join(work, 'entities-empty.yaml');
    const entitiesFile = path.join(work, 'entities.yaml');
    fs.writeFileSync(emptyFile, '');
    fs.writeFileSync(entitiesFile, toYaml(catalog.entities));

    const pg = await startPostgres();
    cleanups.push(() => pg.stop());
    const shared = Boolean(process.env.PORTAL_TEST_PG_URL);
    const prefix = shared
      ? `bench_${randomBytes(4).toString('hex')}_`
      : 'backstage_plugin_';
    if (shared) {
      // On a shared server (PORTAL_TEST_PG_URL), drop this run's databases.
      cleanups.push(async () => {
        const admin = new Client({ connectionString: pg.connectionString });
        admin.on('error', () => {}); // the query rejects as well
        await admin.connect();
        try {
          const { rows } = await admin.query(
            'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
            [prefix],
          );
          for (const { datname } of rows) {
            await admin.query(
              `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`,
            );
          }
        } finally {
          await admin.end();
        }
      });
    }

    const portal = await prepareBundlePortal({
      work,
      runtime,
      pg,
      databasePrefix: prefix,
      configs: [
        'packages/benchmarks/app-config.bench.yaml',
        ...(options.extraConfigs ?? []),
      ],
      nodeOptions: options.nodeOptions,
    });
    cleanups.push(() => portal.stop());
    const { baseUrl, apiToken, githubHost } = portal;
    const nodeOptions = portal.env.NODE_OPTIONS;
    const start = (entities: string, listenPort?: number) =>
      portal.start(
        { BENCH_ENTITIES_FILE: entities, BENCH_WORK_DIR: work },
        listenPort,
      );
    const saveLogs = (name: string) =>
      backend &&
      fs.writeFileSync(
        path.join(work, `${name}.log`),
        backend.logs().join('\n'),
      );

    // 1. Start-up on empty databases, then idle (only the stand-ins' org
    //    and the portal's own files in the catalog).
    log('start-up: production backend on empty databases');
    const first = await start(emptyFile);
    backend = first.proc;
    const catalogDb = catalogPool(pg, prefix, error =>
      log(`catalog database connection lost: ${error.message}`),
    );
    cleanups.unshift(() => catalogDb.end());
    const settleDeadline = Date.now() + 120_000;
    for (;;) {
      const p = await ingestionProgress(catalogDb).catch(() => undefined);
      const users = await fetch(
        `${baseUrl}/api/catalog/entities/by-name/user/default/${LOGIN}`,
        {
          headers: { authorization: `Bearer ${apiToken}` },
        },
      );
      if (p && p.unprocessed === 0 && p.stitchQueue === 0 && users.ok) break;
      if (Date.now() > settleDeadline) {
        throw new Error(
          `The catalog did not settle after start-up: ${JSON.stringify(p)}`,
        );
      }
      await sleep(500);
    }
    await sleep(10_000);
    const idleRssMb = rssMb(backend.child.pid);
    log(`ready after ${first.readyMs} ms, idle RSS ${idleRssMb} MB`);
    saveLogs('backend-startup');
    await backend.stop('SIGTERM', 30_000);

    // 2. Restart with the generated catalog: readiness → all stitched.
    log(`catalog: ingesting ${options.entities} generated entities`);
    const second = await start(entitiesFile);
    backend = second.proc;
    const pid = backend.child.pid;
    const ingestion = await watchIngestion({
      db: catalogDb,
      total: options.entities,
      rssMb: () => rssMb(pid),
      log,
    });
    const rssAfterIngestionMb = rssMb(pid);
    log(`ingested in ${ingestion.ms} ms, RSS ${rssAfterIngestionMb} MB`);
    await verifyRelations(baseUrl, apiToken, catalog.expected);
    log('stitched relations match the generated catalog');

    // 3. The frontend, as a GitHub user in Chromium.
    log('frontend: Chromium');
    const browser = await launchBrowser();
    let frontend;
    try {
      frontend = await measureFrontend(browser, baseUrl, LOGIN);
    } finally {
      await browser.close();
    }

    // 4. Catalog API under load, as the same signed-in user.
    const user = await signInViaGitHub(baseUrl, LOGIN);
    // The catalog page's list request with the lifecycle filter a user
    // ticks (captured from the page; the page's exact format otherwise).
    const byQueryPath = frontend.catalogQueryPath
      ? withLifecycle(frontend.catalogQueryPath, 'production')
      : `/api/catalog/entities/by-query?${new URLSearchParams([
          ['limit', '20'],
          ['orderField', 'metadata.name,asc'],
          ['filter', 'kind=component,spec.lifecycle=production'],
          ['totalItems', 'exclude'],
        ])}`;
    const probe = await user.fetch(byQueryPath);
    const probeBody = (await probe.json()) as {
      items: { metadata: { name: string } }[];
    };
    // A page of 20, or every production component of a small catalog.
    const expectedItems = Math.min(
      20,
      catalog.entities.filter(
        e => e.kind === 'Component' && e.spec.lifecycle === 'production',
      ).length,
    );
    if (!probe.ok || probeBody.items.length !== expectedItems) {
      throw new Error(
        `${byQueryPath} answered ${probe.status} with ${probeBody.items?.length} items`,
      );
    }
    log(`by-query path: ${byQueryPath}`);
    const load = {
      baseUrl,
      token: user.token,
      durationSeconds: options.loadSeconds,
      warmupSeconds: 3,
      pid,
    };
    const byQuery1 = await runLoad({
      ...load,
      paths: [byQueryPath],
      connections: 1,
    });
    log(`by-query 1 client: ${JSON.stringify(byQuery1)}`);
    const byQuery20 = await runLoad({
      ...load,
      paths: [byQueryPath],
      connections: 20,
    });
    log(`by-query 20 clients: ${JSON.stringify(byQuery20)}`);
    const namePaths = catalog.entities
      .filter(e => e.kind === 'Component')
      .map(
        e =>
          `/api/catalog/entities/by-name/component/default/${e.metadata.name}`,
      );
    const byName20 = await runLoad({
      ...load,
      paths: namePaths,
      connections: 20,
    });
    log(`by-name 20 clients: ${JSON.stringify(byName20)}`);
    const rssAfterLoadMb = rssMb(pid);

    // 5. The FastAPI template against the stand-ins.
    const runsMs: number[] = [];
    let templateError: string | undefined;
    for (let i = 0; i < options.templateRuns && !templateError; i++) {
      try {
        const run = await runFastApiTemplate({
          baseUrl,
          token: user.token,
          githubHost,
          // A team in launchpad.tenancy that LOGIN is a member of: the
          // template deploys only for the user's own team.
          owner: 'group:default/payments',
          system: `system:default/${NAME_PREFIX}system-${'0'.repeat(
            String(catalog.mix.systems - 1).length,
          )}`,
        });
        log(`template run ${i + 1}: ${run.ms} ms`);
        runsMs.push(run.ms);
      } catch (error) {
        templateError = (error as Error).message;
        log(`template run ${i + 1} FAILED: ${templateError}`);
      }
    }

    // 6. Scale-out: the catalog list at 20 clients with more replicas on
    //    the same PostgreSQL (byQuery20 above is the 1-replica figure).
    const replicas =
      (options.replicas ?? 1) > 1
        ? await measureReplicas({
            count: options.replicas!,
            first: backend,
            start: p => start(entitiesFile, p),
            token: user.token,
            path: byQueryPath,
            loadSeconds: options.loadSeconds,
            log,
          })
        : undefined;
    if (replicas) {
      log(
        `by-query 20 clients on ${replicas.count} replicas: ${JSON.stringify(
          replicas.byQuery20,
        )}`,
      );
    }

    if (options.holdSeconds) {
      log(
        `holding ${options.holdSeconds} s: backend ${baseUrl} (pid ${pid}), PostgreSQL ${pg.host}:${pg.port} database ${prefix}catalog`,
      );
      await sleep(options.holdSeconds * 1000);
    }

    const errors = backend.errorLines();
    saveLogs('backend');
    if (errors.length > 0) {
      log(
        `backend logged ${
          errors.length
        } error line(s), first: ${errors[0].slice(0, 300)}`,
      );
    }

    return {
      startedAt,
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      },
      options: {
        extraConfigs: options.extraConfigs ?? [],
        nodeOptions: nodeOptions ?? null,
        entities: options.entities,
        templateRuns: options.templateRuns,
        loadSeconds: options.loadSeconds,
        replicas: options.replicas ?? 1,
      },
      mix: catalog.mix,
      startup: {
        coldReadinessMs: first.readyMs,
        warmReadinessMs: second.readyMs,
        idleRssMb,
      },
      catalog: {
        ingestionMs: ingestion.ms,
        peakRssDuringIngestionMb: ingestion.peakRssMb,
        rssAfterIngestionMb,
        rssAfterLoadMb,
        byQueryPath,
        byQueryPathSource: frontend.catalogQueryPath
          ? 'captured from the catalog page, lifecycle filter added'
          : 'built (capture failed)',
        byQuery1,
        byQuery20,
        byName20,
        ...(replicas ? { replicas } : {}),
      },
      frontend,
      scaffolder: {
        runsMs,
        p50Ms: runsMs.length ? median(runsMs) : NaN,
        ...(templateError ? { error: templateError } : {}),
      },
    };
  } finally {
    if (backend) {
      fs.writeFileSync(
        path.join(work, 'backend-last.log'),
        backend.logs().join('\n'),
      );
      await backend.stop('SIGTERM', 30_000).catch(() => {});
    }
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    if (options.keep) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}
