/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBenchmark } from './bench';
import { formatTable, resultRows } from './report';
import { runBaseline } from './baseline/compare';
import {
  comparisonNotes,
  comparisonRows,
  formatComparison,
} from './baseline/compareReport';
import { repoRoot } from '@internal/test-support';

const USAGE = `Usage: yarn bench [--entities 10000] [--template-runs 5] [--load-seconds 15]
                  [--replicas 3] [--out artifacts/bench/results.json] [--keep] [--hold-seconds 0]
                  [--config extra-app-config.yaml ...] [--node-options=--cpu-prof]
       yarn bench --baseline [--entities 10000] [--load-seconds 15] [--rounds 3]
                  [--rebuild-baseline] [--out artifacts/bench/baseline.json] [--keep]
Needs the production build (yarn build:all), PostgreSQL 15 and Chromium.
--baseline compares with a bare create-app of the same release (built once,
cached outside the repository; see packages/benchmarks/README.md).`;

async function main() {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '10000' },
      'template-runs': { type: 'string', default: '5' },
      'load-seconds': { type: 'string', default: '15' },
      // --baseline: rounds of the load phases and the fresh tab (odd).
      rounds: { type: 'string' },
      out: { type: 'string' },
      baseline: { type: 'boolean', default: false },
      'rebuild-baseline': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'hold-seconds': { type: 'string', default: '0' },
      // The scale-out figure: the catalog list at 20 clients on this many
      // replicas (1 skips it; the test command's small run does).
      replicas: { type: 'string', default: '3' },
      config: { type: 'string', multiple: true, default: [] },
      'node-options': { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const number = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new Error(
        `--${name} must be a whole number of at least ${min}, got '${value}'`,
      );
    }
    return n;
  };
  const log = (line: string) =>
    console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const started = Date.now();
  const took = () => `${Math.round((Date.now() - started) / 1000)} s`;
  if (values.baseline || values['rebuild-baseline']) {
    const notForBaseline = [
      '--template-runs',
      '--replicas',
      '--config',
      '--node-options',
      '--hold-seconds',
    ].filter(flag =>
      process.argv
        .slice(2)
        .some(arg => arg === flag || arg.startsWith(`${flag}=`)),
    );
    if (notForBaseline.length > 0) {
      throw new Error(
        `--baseline measures both apps as they are and does not take ${notForBaseline.join(
          ', ',
        )}; it takes --entities, --load-seconds, --rounds, --out, --keep and --rebuild-baseline`,
      );
    }
    const results = await runBaseline({
      entities: number('entities', values.entities!, 50),
      loadSeconds: number('load-seconds', values['load-seconds']!, 1),
      // Odd: roundSchedule refuses anything else before any work.
      rounds: number('rounds', values.rounds ?? '3', 1),
      rebuild: values['rebuild-baseline'],
      keep: values.keep!,
      log,
    });
    const out = path.resolve(
      repoRoot,
      values.out ?? 'artifacts/bench/baseline.json',
    );
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${formatComparison(comparisonRows(results))}\n`);
    for (const note of comparisonNotes(results)) console.log(note);
    console.log(
      `Results: ${path.relative(
        process.cwd(),
        out,
      )} (benchmark took ${took()})`,
    );
    return;
  }
  if (values.rounds !== undefined) {
    throw new Error('--rounds applies to --baseline only');
  }
  const options = {
    entities: number('entities', values.entities!, 50),
    templateRuns: number('template-runs', values['template-runs']!, 1),
    loadSeconds: number('load-seconds', values['load-seconds']!, 1),
    keep: values.keep!,
    holdSeconds: number('hold-seconds', values['hold-seconds']!, 0),
    replicas: number('replicas', values.replicas!, 1),
    extraConfigs: values.config as string[],
    nodeOptions: values['node-options'] || undefined,
    log,
  };
  const results = await runBenchmark(options);
  const out = path.resolve(
    repoRoot,
    values.out ?? 'artifacts/bench/results.json',
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatTable(resultRows(results))}\n`);
  console.log(
    `Results: ${path.relative(process.cwd(), out)} (benchmark took ${took()})`,
  );
  if (results.scaffolder.error) {
    throw new Error(`a template run failed: ${results.scaffolder.error}`);
  }
}

main().catch(error => {
  console.error(
    `bench failed: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
