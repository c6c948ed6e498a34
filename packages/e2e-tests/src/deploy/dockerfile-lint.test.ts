/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { repoRoot } from './manifests';
import {
  copyOperands,
  envAssignments,
  finalStage,
  findStage,
  parseDockerfile,
} from '@internal/test-support';

// The root Dockerfile: the real `dockerfilelint` (npm) must find no issue, and
// the stages must do what the image promises (pinned Node 22 images, immutable
// install, production-only runtime as a non-root user).

const run = promisify(execFile);
const dockerfilePath = path.join(repoRoot, 'Dockerfile');
const text = fs.readFileSync(dockerfilePath, 'utf8');
const dockerfile = parseDockerfile(text);

interface LintResult {
  files: Array<{
    issues: Array<{ line: string; title: string; description: string }>;
  }>;
}

async function dockerfilelint(
  file: string,
): Promise<LintResult['files'][0]['issues']> {
  const bin = require.resolve('dockerfilelint/bin/dockerfilelint');
  // Exit code = number of issues, so read the JSON report either way.
  const { stdout } = await run(process.execPath, [
    bin,
    '-o',
    'json',
    file,
  ]).catch((e: { stdout?: string; code?: number }) => {
    if (typeof e.stdout === 'string' && e.stdout.startsWith('{'))
      return { stdout: e.stdout };
    throw e;
  });
  return (JSON.parse(stdout) as LintResult).files.flatMap(f => f.issues);
}

describe('Dockerfile', () => {
  it('passes dockerfilelint with no issue', async () => {
    const issues = await dockerfilelint(dockerfilePath);
    expect(issues.map(i => `line ${i.line}: ${i.title}`)).toEqual([]);
  });

  it('is linted for real: a bad Dockerfile is reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfilelint-'));
    try {
      const bad = path.join(dir, 'Dockerfile');
      fs.writeFileSync(
        bad,
        'FROM node:latest\nRUN apt-get install curl\nCMD node x\n',
      );
      const titles = (await dockerfilelint(bad)).map(i => i.title);
      expect(titles).toContain('Base Image Latest Tag');
      expect(titles).toContain('Missing parameter for `apt-get`');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds on pinned Node 22 slim images only', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) {
      expect(stage.from).toMatch(/^node:22\.\d+\.\d+-bookworm-slim$/);
    }
  });

  it('installs immutably, type-checks and builds the backend in the build stage', () => {
    const runs = findStage(dockerfile, 'build')
      .instructions.filter(i => i.keyword === 'RUN')
      .map(i => i.args);
    const all = runs.join('\n');
    expect(all).toMatch(/yarn install --immutable/);
    expect(all).toMatch(/yarn tsc/);
    expect(all).toMatch(/yarn build:backend/);
    // Compilers for native addons built from source (node-gyp)
    expect(all).toMatch(/apt-get install[^\n]*python3[^\n]*g\+\+[^\n]*make/);
  });

  it('copies the yarn files and manifests before the sources (layer caching)', () => {
    const build = findStage(dockerfile, 'build').instructions;
    const install = build.findIndex(
      i => i.keyword === 'RUN' && /yarn install/.test(i.args),
    );
    const copyAll = build.findIndex(
      i => i.keyword === 'COPY' && /^\.\s+\.$/.test(i.args),
    );
    expect(install).toBeGreaterThan(-1);
    expect(copyAll).toBeGreaterThan(install);
    const before = build
      .slice(0, install)
      .filter(i => i.keyword === 'COPY')
      .flatMap(i => copyOperands(i).sources);
    expect(before).toEqual(
      expect.arrayContaining([
        '.yarn/releases',
        '.yarnrc.yml',
        'package.json',
        'yarn.lock',
      ]),
    );
  });

  it('runs production dependencies only, as the non-root user, with the documented command', () => {
    const runtime = finalStage(dockerfile);
    const keywords = runtime.instructions.map(i => i.keyword);
    const users = runtime.instructions
      .filter(i => i.keyword === 'USER')
      .map(i => i.args);
    expect(users[users.length - 1]).toBe('node');
    // No toolchain in the final image: its one system install is the Python
    // runtime the template's fastapi:openapi:write step runs (no compiler,
    // no recommends, no package lists left behind).
    const installs = runtime.instructions.filter(i =>
      /apt-get|apk add/.test(i.args),
    );
    expect(installs.map(i => i.args)).toEqual([
      expect.stringMatching(
        /^apt-get update && +apt-get install -y --no-install-recommends python3 python3-fastapi && +rm -rf \/var\/lib\/apt\/lists\/\*$/,
      ),
    ]);
    // Nothing copied from the build context except configuration and the
    // catalog files the production config reads
    const contextCopies = runtime.instructions
      .filter(i => i.keyword === 'COPY' && !i.flags.from)
      .flatMap(i => copyOperands(i).sources);
    const configs = contextCopies.filter(c => c.startsWith('app-config'));
    expect(configs).toEqual(
      expect.arrayContaining(['app-config.yaml', 'app-config.production.yaml']),
    );
    expect(
      configs.filter(
        c => !/^app-config(\.production(\.[a-z-]+)?)?\.yaml$/.test(c),
      ),
    ).toEqual([]);
    const production = yaml.load(
      fs.readFileSync(
        path.join(repoRoot, 'app-config.production.yaml'),
        'utf8',
      ),
    ) as { catalog?: { locations?: Array<{ type: string; target: string }> } };
    const fileTargets = (production.catalog?.locations ?? [])
      .filter(l => l.type === 'file')
      .map(l => path.posix.normalize(l.target).split('/')[0]);
    const warmScript = 'packages/backend/warm-compile-cache.cjs';
    const schemaScript = 'packages/backend/write-config-schema.cjs';
    const instrumentation = 'packages/backend/instrumentation.cjs';
    const scripts = [warmScript, schemaScript, instrumentation];
    expect(contextCopies).toEqual(expect.arrayContaining(scripts));
    expect(
      [
        ...new Set(
          contextCopies.filter(
            c => !c.startsWith('app-config') && !scripts.includes(c),
          ),
        ),
      ].sort(),
    ).toEqual([...new Set(fileTargets)].sort());
    const env = Object.assign(
      {},
      ...runtime.instructions
        .filter(i => i.keyword === 'ENV')
        .map(envAssignments),
    );
    expect(env.NODE_ENV).toBe('production');
    // A heap cap (the pod's memory) and a compile cache filled at build time,
    // relative to WORKDIR so it is the same folder in every process.
    expect(env.NODE_OPTIONS).toMatch(/^--max-old-space-size=\d+$/);
    expect(env.NODE_COMPILE_CACHE).toBe('.node-compile-cache');
    const runs = runtime.instructions.filter(i => i.keyword === 'RUN');
    expect(runs.map(r => r.args)).toEqual(
      expect.arrayContaining([`node ${warmScript}`, `node ${schemaScript}`]),
    );
    const cmd = runtime.instructions.filter(i => i.keyword === 'CMD').pop();
    // OpenTelemetry starts before the backend (Backstage's "Setup
    // OpenTelemetry" tutorial), from a file the stage copies.
    expect(cmd?.json).toEqual([
      'node',
      '--require',
      `./${instrumentation}`,
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ]);
    expect(keywords).toContain('EXPOSE');
    const prodDeps = findStage(dockerfile, 'prod-deps')
      .instructions.filter(i => i.keyword === 'RUN')
      .map(i => i.args)
      .join('\n');
    expect(prodDeps).toMatch(/yarn workspaces focus --all --production/);
  });

  it('keeps dependencies, local data and secrets out of the build context', () => {
    const ignore = fs
      .readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map(l => l.trim());
    for (const pattern of [
      '**/node_modules',
      '**/dist-types',
      '.git',
      '.sandbox',
      '.data',
      '**/*.sqlite',
      '*.local.yaml',
      '**/*-credentials.yaml',
      '.env',
      '.env.*',
      '**/e2e-test-report',
    ]) {
      expect(ignore).toContain(pattern);
    }
    // The sources must stay in: the image builds from them.
    for (const needed of [
      'packages',
      'plugins',
      'yarn.lock',
      '.yarn/releases',
      'app-config.yaml',
    ]) {
      expect(ignore).not.toContain(needed);
    }
  });
});
