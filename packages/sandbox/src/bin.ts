/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// `yarn start`: the portal on its embedded defaults plus, for every part not
// pointed at a real service, its local stand-in. Press q (or Ctrl-C, or send
// SIGTERM) to stop everything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_FIXTURE, loadFixture } from '@internal/github-stand-in';
import { findRepoRoot } from '@internal/test-support';
import { unsupportedNode } from './node';
import { LOCAL_CONFIG_FILE, planSandbox } from './plan';
import { startStandIns, stopAll } from './sandbox';

async function main() {
  const rootDir = findRepoRoot(process.cwd());
  const engines = JSON.parse(
    fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8'),
  ).engines?.node;
  const nodeProblem = unsupportedNode(process.versions.node, engines);
  if (nodeProblem) {
    process.stderr.write(`sandbox: ${nodeProblem}\n`);
    process.exit(2);
  }
  let plan;
  try {
    plan = planSandbox(process.env, {
      hasLocalConfig: fs.existsSync(path.join(rootDir, LOCAL_CONFIG_FILE)),
    });
  } catch (error: any) {
    process.stderr.write(`sandbox: ${error.message}\n`);
    process.exit(2);
  }
  const log = (line: string) => process.stdout.write(`[sandbox] ${line}\n`);
  const standIns = await startStandIns({ plan, rootDir, log });

  const lines = [
    '',
    'Launchpad sandbox',
    '  Portal        http://localhost:3000  (backend http://localhost:7007)',
    `  Portal data   ${path.join(rootDir, '.data')}`,
    ...standIns.map(
      s =>
        `  ${s.name.padEnd(13)} ${s.url}  (data ${path.relative(
          rootDir,
          s.dataDir,
        )})`,
    ),
    ...plan.notes.map(n => `  ${n}`),
  ];
  if (plan.github === 'stand-in') {
    const fixture = loadFixture(DEFAULT_FIXTURE);
    const members = fixture.users.filter(u => u.orgRole !== 'none');
    const outsiders = fixture.users.filter(u => u.orgRole === 'none');
    lines.push(
      '  GitHub webhooks (push, repository, membership) go to http://localhost:7007/api/events/http/github',
      `  Sign in with GitHub as a member of ${
        fixture.organization.login
      }: ${members.map(u => u.login).join(', ')}`,
      `  Not a member (refused): ${outsiders.map(u => u.login).join(', ')}`,
    );
  }
  lines.push(
    `  Config        ${plan.configFiles.join(', ')}`,
    '  Press q or Ctrl-C to stop.',
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  const portal = spawn(
    'yarn',
    [
      'backstage-cli',
      'repo',
      'start',
      ...plan.configFiles.flatMap(f => ['--config', path.resolve(rootDir, f)]),
    ],
    { cwd: rootDir, stdio: ['ignore', 'inherit', 'inherit'], env: process.env },
  );

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(
      '\n[sandbox] stopping the portal and the stand-ins...\n',
    );
    if (portal.exitCode === null && portal.signalCode === null) {
      const exited = new Promise(resolve => portal.once('exit', resolve));
      portal.kill('SIGINT');
      const force = setTimeout(() => portal.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    }
    await stopAll(standIns);
    process.stdout.write('[sandbox] stopped.\n');
    process.exit(code);
  };
  portal.on('exit', code => {
    if (!stopping) {
      process.stderr.write(
        `[sandbox] the portal exited (code ${code}); stopping.\n`,
      );
      void stop(code ?? 1);
    }
  });
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.on('data', key => {
      const k = key.toString();
      if (k === 'q' || k === '\u0003') void stop();
    });
  }
}

main().catch(error => {
  process.stderr.write(`sandbox: ${error.stack ?? error}\n`);
  process.exit(1);
});
