/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  envAssignments,
  finalStage,
  parseDockerfile,
} from '@internal/test-support';
import {
  baselineCacheKey,
  baselineCacheRoot,
  createAppVersionFor,
  withResolutions,
} from './cache';

export interface BareApp {
  /** The installed and built app: the image's /app. */
  dir: string;
  release: string;
  createAppVersion: string;
  /** Its Dockerfile's CMD, with this machine's node. */
  command: string[];
  /** Its Dockerfile's ENV (NODE_ENV=production). */
  env: Record<string, string>;
}

/** What is written into the cache folder once the build succeeded. */
const MARKER = 'launchpad-baseline.json';

function exec(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(options.logFile, 'a');
    fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', out, out],
    });
    child.on('error', error => {
      fs.closeSync(out);
      reject(error);
    });
    child.on('exit', code => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else {
        const tail = fs
          .readFileSync(options.logFile, 'utf8')
          .split('\n')
          .slice(-25)
          .join('\n');
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code} (log: ${
              options.logFile
            }):\n${tail}`,
          ),
        );
      }
    });
  });
}

/** The CMD and ENV of create-app's `packages/backend/Dockerfile`. */
export function bareRuntimeFromDockerfile(text: string): {
  command: string[];
  env: Record<string, string>;
} {
  const stage = finalStage(parseDockerfile(text));
  const env: Record<string, string> = {};
  let cmd: string[] | undefined;
  for (const ins of stage.instructions) {
    if (ins.keyword === 'ENV') Object.assign(env, envAssignments(ins));
    if (ins.keyword === 'CMD') cmd = ins.json;
  }
  if (!cmd || cmd[0] !== 'node') {
    throw new Error(
      `create-app's Dockerfile has no exec-form CMD starting with node (got ${JSON.stringify(
        cmd,
      )})`,
    );
  }
  return { command: [process.execPath, ...cmd.slice(1)], env };
}

/**
 * The bare create-app of our release, built once and cached outside the
 * repository (see README.md, "Compared with a bare create-app"): created
 * with `npx @backstage/create-app@<version> --skip-install`, its root
 * `resolutions` set to ours, installed with yarn (the same yarn release and
 * global cache as ours), then `yarn build:all`: the app's production
 * bundle and the backend's `bundle.tar.gz`, as its Dockerfile expects
 * before `docker build`.
 */
export async function ensureBareApp(options: {
  repoRoot: string;
  rebuild?: boolean;
  log: (line: string) => void;
}): Promise<BareApp> {
  const { repoRoot, log } = options;
  const release = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'backstage.json'), 'utf8'),
  ).version as string;
  const createAppVersion = createAppVersionFor(release);
  const resolutions = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  ).resolutions as Record<string, string>;
  const key = baselineCacheKey({
    release,
    createAppVersion,
    resolutions,
    nodeAbi: process.versions.modules,
  });
  const root = baselineCacheRoot();
  const dir = path.join(root, key);
  const finish = (): BareApp => ({
    dir,
    release,
    createAppVersion,
    ...bareRuntimeFromDockerfile(
      fs.readFileSync(path.join(dir, 'packages/backend/Dockerfile'), 'utf8'),
    ),
  });

  if (fs.existsSync(path.join(dir, MARKER)) && !options.rebuild) {
    log(`bare create-app: cached in ${dir}`);
    return finish();
  }
  fs.mkdirSync(root, { recursive: true });
  // The marker is written last, so an interrupted build is never taken for
  // a finished one: the next run starts it again from scratch. (Built in
  // place: yarn's state and the build hold absolute paths.)
  const building = dir;
  fs.rmSync(building, { recursive: true, force: true });
  const logFile = path.join(root, `${key}.build.log`);
  fs.writeFileSync(
    logFile,
    `bare create-app build ${new Date().toISOString()}\n`,
  );
  log(
    `bare create-app: building @backstage/create-app@${createAppVersion} (Backstage ${release}) in ${dir}, log ${logFile}; takes several minutes once`,
  );
  const started = Date.now();
  const step = async (
    name: string,
    command: string,
    args: string[],
    cwd: string,
    env?: NodeJS.ProcessEnv,
  ) => {
    const t = Date.now();
    await exec(command, args, { cwd, env, logFile });
    log(`  ${name}: ${Math.round((Date.now() - t) / 1000)} s`);
  };
  try {
    await step(
      'create-app',
      'npx',
      [
        '--yes',
        `@backstage/create-app@${createAppVersion}`,
        '--path',
        building,
        '--skip-install',
      ],
      root,
      { ...process.env, BACKSTAGE_APP_NAME: 'backstage' },
    );
    const made = JSON.parse(
      fs.readFileSync(path.join(building, 'backstage.json'), 'utf8'),
    ).version;
    if (made !== release) {
      throw new Error(
        `@backstage/create-app@${createAppVersion} created a Backstage ${made} app, not ${release}`,
      );
    }
    const pkgFile = path.join(building, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    fs.writeFileSync(
      pkgFile,
      `${JSON.stringify(withResolutions(pkg, resolutions), null, 2)}\n`,
    );
    await step('yarn install', 'yarn', ['install'], building);
    await step('yarn build:all', 'yarn', ['build:all'], building);
    fs.writeFileSync(
      path.join(building, MARKER),
      `${JSON.stringify(
        {
          release,
          createAppVersion,
          builtAt: new Date().toISOString(),
          buildSeconds: Math.round((Date.now() - started) / 1000),
        },
        null,
        2,
      )}\n`,
    );
  } catch (error) {
    log(
      `bare create-app build failed; the partial build stays in ${building} until the next run`,
    );
    throw error;
  }
  log(
    `bare create-app: built in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return finish();
}

/**
 * The bare app laid out as its image's /app (create-app's Dockerfile):
 * `packages/backend/dist/bundle.tar.gz` unpacked into `target` with the
 * `app-config*.yaml` files next to it. Instead of the image's `yarn
 * workspaces focus --all --production`, `node_modules` (and a workspace's
 * own `node_modules`) link to the built folder's installed ones. Returns
 * the folder to start the Dockerfile's CMD in.
 */
export async function prepareBareRuntime(
  bare: BareApp,
  target: string,
): Promise<string> {
  const bundle = path.join(bare.dir, 'packages/backend/dist/bundle.tar.gz');
  if (!fs.existsSync(bundle)) {
    throw new Error(
      `${bundle} is missing: remove ${bare.dir} (or run yarn bench --rebuild-baseline) to build the bare app again`,
    );
  }
  fs.mkdirSync(target, { recursive: true });
  await promisify(execFile)('tar', ['xzf', bundle, '-C', target]);
  for (const file of fs.readdirSync(bare.dir)) {
    if (/^app-config.*\.yaml$/.test(file)) {
      fs.copyFileSync(path.join(bare.dir, file), path.join(target, file));
    }
  }
  fs.symlinkSync(
    path.join(bare.dir, 'node_modules'),
    path.join(target, 'node_modules'),
  );
  const packages = path.join(target, 'packages');
  for (const name of fs.existsSync(packages) ? fs.readdirSync(packages) : []) {
    const own = path.join(bare.dir, 'packages', name, 'node_modules');
    if (fs.existsSync(own)) {
      fs.symlinkSync(own, path.join(packages, name, 'node_modules'));
    }
  }
  return target;
}
