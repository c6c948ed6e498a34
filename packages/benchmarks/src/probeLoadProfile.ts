/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { freePort, repoRoot, startPostgres } from '@internal/test-support';
import { runLoad, watchIngestion } from './catalog';
import { CpuProfile, inclusiveTime, selfTimeBySource } from './cpuProfile';
import { generateCatalog, toYaml } from './entities';
import { ensureBareApp } from './baseline/bareApp';
import { bareSide, launchpadSide } from './baseline/compare';

// What a request costs each backend, and where that CPU goes, for the
// comparison's "entity by name, service token" load (packages/benchmarks/
// README.md, Findings):
//
//   yarn workspace benchmarks probe:load-profile [--entities 10000]
//     [--seconds 15] [--rounds 3] [--side both|launchpad|bare]
//     [--out artifacts/bench/profiles] [--inclusive <regexp>]
//
// Each side is started as `yarn bench --baseline` starts it, on a private
// PostgreSQL, with the inspector on loopback; once the generated catalog is
// ingested it runs `rounds` load phases (requests per second and the
// backend's CPU per request), then one more with V8's CPU profiler on,
// writes that profile to `<out>/<side>.cpuprofile` (for Chrome DevTools) and
// prints the self time per request of each package, and with --inclusive
// the time of the matching functions with their callees.

const USAGE = `Usage: yarn workspace benchmarks probe:load-profile [--entities 10000] [--seconds 15]
       [--rounds 3] [--side both|launchpad|bare] [--out artifacts/bench/profiles] [--inclusive <regexp>]`;

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
async function inspector(port: number) {
  const targets = (await (
    await fetch(`http://127.0.0.1:${port}/json/list`)
  ).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', reject, { once: true });
  });
  let lastId = 0;
  const pending = new Map<number, (result: any) => void>();
  ws.addEventListener('message', event => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  return {
    send(method: string, params: object = {}): Promise<any> {
      const id = ++lastId;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise(resolve => pending.set(id, resolve));
    },
    close: () => ws.close(),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '10000' },
      seconds: { type: 'string', default: '15' },
      rounds: { type: 'string', default: '3' },
      side: { type: 'string', default: 'both' },
      out: { type: 'string', default: 'artifacts/bench/profiles' },
      inclusive: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!['both', 'launchpad', 'bare'].includes(values.side!)) {
    throw new Error(
      `--side must be both, launchpad or bare, got '${values.side}'\n${USAGE}`,
    );
  }
  for (const name of ['entities', 'seconds', 'rounds'] as const) {
    if (!(Number.isInteger(Number(values[name])) && Number(values[name]) > 0)) {
      throw new Error(
        `--${name} must be a whole number above 0, got '${values[name]}'`,
      );
    }
  }
  const log = (line: string) =>
    console.log(`[probe ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const seconds = Number(values.seconds);
  const out = path.resolve(repoRoot, values.out!);
  fs.mkdirSync(out, { recursive: true });
  const catalog = generateCatalog(Number(values.entities));
  const namePaths = catalog.entities
    .filter(e => e.kind === 'Component')
    .map(
      e => `/api/catalog/entities/by-name/component/default/${e.metadata.name}`,
    );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-probe-'));
  const entitiesFile = path.join(work, 'entities.yaml');
  fs.writeFileSync(entitiesFile, toYaml(catalog.entities));
  const pg = await startPostgres({ ownCluster: true });
  try {
    for (const name of ['launchpad', 'bare'] as const) {
      if (values.side !== 'both' && values.side !== name) continue;
      const port = await freePort();
      const inspect = `--inspect=127.0.0.1:${port}`;
      const side =
        name === 'launchpad'
          ? await launchpadSide(pg, work, inspect)
          : await bareSide(
              await ensureBareApp({ repoRoot, log }),
              pg,
              work,
              inspect,
            );
      const { proc } = await side.start(entitiesFile);
      try {
        await watchIngestion({
          db: side.catalogDb,
          total: catalog.entities.length,
          rssMb: () => 0,
          log: () => {},
        });
        log(`${name}: ingested; settling for 20 s`);
        await sleep(20_000);
        const load = (warmupSeconds = 0) =>
          runLoad({
            baseUrl: proc.baseUrl,
            token: side.serviceToken,
            paths: namePaths,
            connections: 20,
            durationSeconds: seconds,
            warmupSeconds,
            pid: proc.child.pid,
          });
        for (let round = 1; round <= Number(values.rounds); round++) {
          const r = await load(round === 1 ? 3 : 0);
          log(
            `${name} round ${round}: ${r.requestsPerSecond} req/s, p95 ${r.p95Ms} ms, ${r.backendCpuUsPerRequest} µs CPU/req, ${r.errors} errors`,
          );
        }
        const cdp = await inspector(port);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
        await cdp.send('Profiler.start');
        const profiled = await load();
        const { profile } = (await cdp.send('Profiler.stop')) as {
          profile: CpuProfile;
        };
        cdp.close();
        const file = path.join(out, `${name}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(profile));
        log(
          `${name} profiled: ${profiled.requestsPerSecond} req/s, ${profiled.backendCpuUsPerRequest} µs CPU/req; ${file}`,
        );
        const perRequest = (rows: [string, number][]) =>
          rows
            .slice(0, 25)
            .map(([key, us]) => `  ${us.toFixed(1).padStart(7)} µs  ${key}`)
            .join('\n');
        console.log(
          `self time per request by package:\n${perRequest(
            selfTimeBySource(profile, profiled.requests),
          )}`,
        );
        if (values.inclusive) {
          console.log(
            `with callees, per request (${values.inclusive}):\n${perRequest(
              inclusiveTime(
                profile,
                profiled.requests,
                new RegExp(values.inclusive),
              ),
            )}`,
          );
        }
      } finally {
        await proc.stop('SIGTERM', 30_000);
        await side.stop();
      }
    }
  } finally {
    await pg.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
