/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  copyOperands,
  envAssignments,
  finalStage,
  parseDockerfile,
} from '@internal/test-support';

const run = promisify(execFile);

/**
 * Links every package of `from` (a node_modules folder) into `to`. Packages
 * that are workspaces of the repository point at the same workspace in the
 * unpacked bundle when it ships one (its built `dist`), and are left out
 * otherwise: they are not production dependencies of the backend.
 */
function linkModules(
  from: string,
  to: string,
  repoRoot: string,
  runtimeDir: string,
) {
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from)) {
    if (entry.startsWith('.')) continue;
    const source = path.join(from, entry);
    if (entry.startsWith('@')) {
      linkModules(source, path.join(to, entry), repoRoot, runtimeDir);
      continue;
    }
    let real: string;
    try {
      real = fs.realpathSync(source);
    } catch {
      continue; // dangling link
    }
    const relative = path.relative(repoRoot, real);
    const isWorkspace =
      !relative.startsWith('..') &&
      !relative.split(path.sep).includes('node_modules');
    if (isWorkspace) {
      const bundled = path.join(runtimeDir, relative);
      if (fs.existsSync(path.join(bundled, 'package.json'))) {
        fs.symlinkSync(bundled, path.join(to, entry));
      }
    } else {
      fs.symlinkSync(real, path.join(to, entry));
    }
  }
}

export interface ProductionRuntime {
  /** The folder standing for the image's /app. */
  dir: string;
  /** The image's CMD, with this machine's node. */
  command: string[];
  /** The runtime stage's ENV (e.g. NODE_OPTIONS, NODE_COMPILE_CACHE). */
  env: Record<string, string>;
}

/**
 * The production build laid out like the container image's /app (see the
 * root Dockerfile's runtime stage): `packages/backend/dist/bundle.tar.gz`
 * unpacked, the app-config files, catalog-info.yaml and the templates.
 *
 * Instead of the image's `yarn workspaces focus --production` (minutes, it
 * compiles better-sqlite3), node_modules links to the packages this
 * repository already installed, with the repository's workspaces replaced by
 * their built copies from the bundle. The code that runs is the same built
 * code the image runs, under NODE_ENV=production.
 */
export async function prepareProductionRuntime(
  repoRoot: string,
  dir: string,
): Promise<ProductionRuntime> {
  const bundle = path.join(repoRoot, 'packages/backend/dist/bundle.tar.gz');
  const appIndex = path.join(repoRoot, 'packages/app/dist/index.html');
  if (!fs.existsSync(bundle) || !fs.existsSync(appIndex)) {
    throw new Error(
      'The production build is missing (packages/backend/dist/bundle.tar.gz, packages/app/dist): run `yarn build:all` first',
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  await run('tar', ['xzf', bundle, '-C', dir]);

  linkModules(
    path.join(repoRoot, 'node_modules'),
    path.join(dir, 'node_modules'),
    repoRoot,
    dir,
  );
  // Versions yarn could not hoist live in a workspace's own node_modules.
  for (const pkg of bundledWorkspaces(dir)) {
    linkModules(
      path.join(repoRoot, pkg, 'node_modules'),
      path.join(dir, pkg, 'node_modules'),
      repoRoot,
      dir,
    );
  }

  for (const file of [
    'app-config.yaml',
    'app-config.production.yaml',
    'catalog-info.yaml',
  ]) {
    fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  // As the Dockerfile: templates without their tests and manifests.
  fs.cpSync(path.join(repoRoot, 'templates'), path.join(dir, 'templates'), {
    recursive: true,
    filter: src => {
      const rel = path
        .relative(path.join(repoRoot, 'templates'), src)
        .split(path.sep);
      return !(
        rel.length >= 2 &&
        ['src', 'package.json', 'node_modules'].includes(rel[1])
      );
    },
  });

  const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
  const { cmd, env, nodeRuns, otherCopies } = runtimeStageSteps(dockerfile);
  // Other files the stage copies from the build context (the compile-cache
  // warm-up script).
  for (const { source, dest } of otherCopies) {
    const target = dest.endsWith('/')
      ? path.join(dir, dest, path.basename(source))
      : path.join(dir, dest);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, source), target);
  }
  // The stage's `RUN node ...` steps (warming the compile cache), with its ENV.
  for (const args of nodeRuns) {
    await run(process.execPath, args, {
      cwd: dir,
      env: { ...process.env, ...env },
    });
  }
  return { dir, command: [process.execPath, ...cmd.slice(1)], env };
}

/**
 * The final stage's exec-form CMD (which must start with node), its ENV, and
 * its `RUN node <args>` steps (the other RUN steps unpack the bundle and
 * prune the templates, which prepareProductionRuntime does its own way).
 */
export function runtimeStageSteps(dockerfile: string): {
  cmd: string[];
  env: Record<string, string>;
  nodeRuns: string[][];
  /** Single files copied from the build context besides config, catalog and templates. */
  otherCopies: { source: string; dest: string }[];
} {
  const env: Record<string, string> = {};
  const nodeRuns: string[][] = [];
  const otherCopies: { source: string; dest: string }[] = [];
  let cmd: string[] | undefined;
  for (const ins of finalStage(parseDockerfile(dockerfile)).instructions) {
    if (ins.keyword === 'CMD') cmd = ins.json;
    if (ins.keyword === 'ENV') Object.assign(env, envAssignments(ins));
    if (ins.keyword === 'COPY' && !ins.flags.from) {
      const { sources, dest } = copyOperands(ins);
      for (const source of sources) {
        if (
          !/^(app-config[^/]*\.yaml|catalog-info\.yaml|templates)$/.test(source)
        ) {
          otherCopies.push({ source, dest });
        }
      }
    }
    if (ins.keyword === 'RUN' && /^node\s/.test(ins.args)) {
      if (/[;&|$`'"\\]/.test(ins.args)) {
        throw new Error(
          `RUN ${ins.args}: only plain 'node <args>' is mirrored`,
        );
      }
      nodeRuns.push(ins.args.split(/\s+/).slice(1));
    }
  }
  if (!cmd) {
    throw new Error('The Dockerfile has no exec-form CMD');
  }
  if (cmd[0] !== 'node') {
    throw new Error(`The Dockerfile's CMD must start with node, not ${cmd[0]}`);
  }
  return { cmd, env, nodeRuns, otherCopies };
}

/** Workspace folders the bundle ships (those with a package.json). */
function bundledWorkspaces(dir: string): string[] {
  const out: string[] = [];
  for (const parent of ['packages', 'plugins']) {
    const base = path.join(dir, parent);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base)) {
      if (fs.existsSync(path.join(base, name, 'package.json'))) {
        out.push(path.join(parent, name));
      }
    }
  }
  return out;
}
