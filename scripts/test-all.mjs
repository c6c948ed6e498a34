#!/usr/bin/env node
/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// The whole test suite, as `yarn test:all` runs it: formatting and licence
// headers, type check, lint, the production build of every package, then every
// package's jest tests (unit, integration against real processes and
// PostgreSQL, browser tests) and a small benchmark run. Prints a summary and a
// final `N passed, N failed` line; exits non-zero on any failure.
//
//   yarn test:all              everything
//   yarn test:all --skip build,tsc   skip steps you just ran (format, headers, tsc, lint, build, test, k8s, e2e, node24, bench)
//
// LAUNCHPAD_NODE24 names a Node 24 binary: the backend's boot test then runs
// on it too (package.json says `engines.node: "22 || 24"`); .ci/run sets it.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
);
const skip = new Set(
  process.argv.flatMap((a, i, all) =>
    all[i - 1] === '--skip' ? a.split(',') : [],
  ),
);
const report = name =>
  path.join(os.tmpdir(), `launchpad-${name}-${process.pid}.json`);

const steps = [
  {
    id: 'format',
    title:
      'Formatting (prettier --check; yarn prettier --write <files> fixes it)',
    cmd: ['yarn', 'prettier', '--check', '.'],
  },
  {
    id: 'headers',
    title:
      'Licence headers on every source file (scripts/check-licence-headers.mjs)',
    cmd: ['node', 'scripts/check-licence-headers.mjs'],
  },
  { id: 'tsc', title: 'Type check (tsc)', cmd: ['yarn', 'tsc'] },
  {
    id: 'lint',
    title: 'Lint (backstage-cli repo lint)',
    cmd: ['yarn', 'backstage-cli', 'repo', 'lint'],
  },
  {
    id: 'build',
    title: 'Production build of every package (backstage-cli repo build --all)',
    cmd: ['yarn', 'backstage-cli', 'repo', 'build', '--all'],
  },
  {
    id: 'test',
    title: 'Jest: unit and integration tests of every package',
    jestReport: report('unit'),
    cmd: [
      'yarn',
      'backstage-cli',
      'repo',
      'test',
      '--watchAll=false',
      '--ci',
      '--maxWorkers=2',
      // e2e-tests start the portal, PostgreSQL and Chromium: a step of their
      // own, one at a time. The Kubernetes stand-in's tests need
      // --experimental-vm-modules (see its package.json), which msw's ESM
      // dependencies do not tolerate: a step of their own too.
      '--testPathIgnorePatterns',
      '/packages/e2e-tests/',
      '/stand-ins/kubernetes/',
      '--json',
      `--outputFile=${report('unit')}`,
    ],
  },
  {
    id: 'k8s',
    title: 'Jest: the Kubernetes API stand-in (with --experimental-vm-modules)',
    jestReport: report('k8s'),
    cmd: [
      'yarn',
      'workspace',
      '@internal/kubernetes-stand-in',
      'test',
      '--watchAll=false',
      '--ci',
      '--json',
      `--outputFile=${report('k8s')}`,
    ],
  },
  {
    id: 'e2e',
    title: 'Jest: end-to-end and browser tests (packages/e2e-tests, in band)',
    jestReport: report('e2e'),
    cmd: [
      'yarn',
      'workspace',
      'e2e-tests',
      'backstage-cli',
      'package',
      'test',
      '--watchAll=false',
      '--ci',
      '--runInBand',
      '--json',
      `--outputFile=${report('e2e')}`,
    ],
  },
  {
    id: 'node24',
    title: 'Jest: the backend boot test on Node 24 (LAUNCHPAD_NODE24)',
    jestReport: report('node24'),
    // yarn runs its children on the Node that runs yarn: start yarn itself
    // on Node 24, so jest and the backend it boots run there.
    node: process.env.LAUNCHPAD_NODE24,
    cmd: [
      process.env.LAUNCHPAD_NODE24,
      yarnRelease(),
      'workspace',
      'e2e-tests',
      'backstage-cli',
      'package',
      'test',
      '--watchAll=false',
      '--ci',
      '--runInBand',
      'src/boot/boot.test.ts',
      '--json',
      `--outputFile=${report('node24')}`,
    ],
  },
  {
    id: 'bench',
    title:
      'Benchmark smoke run: 500 entities, one template run (the full run is `yarn bench`)',
    cmd: [
      'yarn',
      'bench',
      '--entities',
      '500',
      '--template-runs',
      '1',
      '--replicas',
      '1',
      '--load-seconds',
      '3',
      '--out',
      'artifacts/bench/small.json',
    ],
    // Its own private PostgreSQL cluster, as a full run uses.
    env: { PORTAL_TEST_PG_URL: undefined },
  },
];

/** The yarn release `.yarnrc.yml` points every yarn at. */
function yarnRelease() {
  const rc = fs.readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
  return path.join(root, /^yarnPath:\s*(\S+)/m.exec(rc)[1]);
}

/** Why a step's `node` cannot run it, or undefined when it can. */
function nodeProblem(node) {
  if (!node) return 'LAUNCHPAD_NODE24 is not set (.ci/run sets it)';
  try {
    const version = execFileSync(node, ['-p', 'process.versions.node'], {
      encoding: 'utf8',
    }).trim();
    return version.startsWith('24.')
      ? undefined
      : `${node} is Node ${version}, not 24`;
  } catch (error) {
    return `${node} does not run: ${error.message}`;
  }
}

function run(cmd, env = {}) {
  return new Promise(resolve => {
    const merged = { ...process.env, CI: 'true', FORCE_COLOR: '0', ...env };
    for (const [key, value] of Object.entries(merged)) {
      if (value === undefined) delete merged[key];
    }
    const child = spawn(cmd[0], cmd.slice(1), {
      cwd: root,
      stdio: 'inherit',
      env: merged,
    });
    child.on('exit', code => resolve(code ?? 1));
  });
}

const results = [];
let passed = 0;
let failed = 0;
/** Failed tests by name with the start of their message, repeated at the very end (CI shows the tail). */
const failures = [];
for (const step of steps) {
  if (skip.has(step.id)) {
    results.push({ ...step, status: 'skipped' });
    continue;
  }
  if ('node' in step) {
    const problem = nodeProblem(step.node);
    if (problem && !step.node) {
      // Not asked for: a developer's machine without a second Node.
      results.push({ ...step, status: 'skipped', detail: problem });
      continue;
    }
    if (problem) {
      console.log(`\n=== ${step.title}\n\n${problem}`);
      results.push({ ...step, status: 'failed', detail: problem });
      failed += 1;
      continue;
    }
  }
  console.log(`\n=== ${step.title}\n`);
  const t0 = Date.now();
  const code = await run(step.cmd, step.env);
  const seconds = Math.round((Date.now() - t0) / 1000);
  const entry = { ...step, status: code === 0 ? 'passed' : 'failed', seconds };
  if (step.jestReport && fs.existsSync(step.jestReport)) {
    const report = JSON.parse(fs.readFileSync(step.jestReport, 'utf8'));
    entry.detail = `${report.numPassedTests} tests passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped in ${report.numTotalTestSuites} suites`;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A suite that failed to run has no failing test but must still count.
    failed += report.testResults.filter(
      r =>
        r.status === 'failed' &&
        r.assertionResults.every(a => a.status !== 'failed'),
    ).length;
    if (report.numTotalTests === 0) failed += 1;
    for (const suite of report.testResults) {
      const file = path.relative(root, suite.name);
      const tests = suite.assertionResults.filter(a => a.status === 'failed');
      if (suite.status === 'failed' && tests.length === 0)
        failures.push({ name: `${file} (suite)`, message: suite.message });
      for (const t of tests)
        failures.push({
          name: `${file} › ${t.fullName}`,
          message: t.failureMessages.join('\n'),
        });
    }
    fs.rmSync(step.jestReport, { force: true });
  } else if (code === 0) {
    passed += 1;
  } else {
    failed += 1;
  }
  if (step.jestReport && code !== 0 && failed === 0) failed += 1;
  results.push(entry);
}

console.log('\n=== Summary\n');
for (const r of results) {
  const time = r.seconds !== undefined ? ` (${r.seconds}s)` : '';
  console.log(
    `${r.status.padEnd(8)} ${r.title}${time}${r.detail ? `: ${r.detail}` : ''}`,
  );
}
if (failures.length > 0) {
  console.log('\n=== Failed tests\n');
  // Without colour codes and the stack's node_modules frames; the first
  // lines say which expectation failed and where. Tests that failed with the
  // same message (e.g. every test of a file whose beforeAll failed) are
  // listed together above it once.
  const clean = message =>
    (message ?? '')
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .filter(l => !/^\s+at .*node_modules/.test(l))
      .slice(0, 25)
      .join('\n')
      .slice(0, 2000);
  const byMessage = new Map();
  for (const f of failures) {
    const message = clean(f.message);
    byMessage.set(message, [...(byMessage.get(message) ?? []), f.name]);
  }
  for (const [message, names] of byMessage) {
    console.log(`${names.map(n => `✕ ${n}`).join('\n')}\n${message}\n`);
  }
}
console.log(`\ntest-all: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every(r => r.status !== 'failed') ? 0 : 1);
