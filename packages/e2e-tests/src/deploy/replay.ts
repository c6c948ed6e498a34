/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  copyOperands,
  Dockerfile,
  envAssignments,
  findStage,
  Instruction,
  Stage,
} from '@internal/test-support';

const run = promisify(execFile);

/**
 * Replays Dockerfile stages in local folders, without Docker:
 *
 * - each replayed stage gets its own folder standing for its WORKDIR;
 * - `COPY` from the build context copies from the repository; `COPY
 *   --from=<stage>` copies from that stage's replayed folder, except for the
 *   stages listed in `prebuilt`, whose WORKDIR is the repository itself after
 *   the host ran their build (`yarn build:backend`);
 * - `RUN` after `WORKDIR` runs with bash in the stage folder, with the stage's
 *   `ENV` (BuildKit `--mount` flags only add caches and are dropped);
 * - `RUN` before `WORKDIR` prepares the base image: `apt-get install` is not
 *   run (the test must not change the host) but every package it names must
 *   be installed on the host, and `install -d <WORKDIR>` is the folder itself.
 *   Anything else there fails the replay.
 */
export interface ReplayedStage {
  name: string;
  dir: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  cmd?: string[];
  log: string[];
}

export interface ReplayOptions {
  dockerfile: Dockerfile;
  /** The build context (repository root). */
  context: string;
  /** Stages not replayed: name -> folder that stands for their WORKDIR. */
  prebuilt: Record<string, string>;
  /** Parent folder for the replayed stages. */
  workRoot: string;
  /** Environment for RUN steps (PATH, caches); stage ENV is added on top. */
  env: Record<string, string | undefined>;
  /** Per-RUN timeout. */
  runTimeoutMs?: number;
}

/**
 * Docker COPY semantics: a directory's contents (not the directory itself)
 * go into the destination; symlinks are copied as they are (`cp -a`), so
 * yarn's relative workspace links keep pointing inside the image.
 */
async function copyInto(source: string, dest: string, destIsDir: boolean) {
  const stat = fs.statSync(source);
  if (stat.isDirectory()) {
    fs.mkdirSync(dest, { recursive: true });
    await run('cp', ['-a', `${source}/.`, `${dest}/`]);
  } else {
    const target = destIsDir ? path.join(dest, path.basename(source)) : dest;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await run('cp', ['-a', source, target]);
  }
}

async function checkSetupRun(
  instruction: Instruction,
  nextWorkdir: string | undefined,
) {
  const commands = instruction.args
    .split(/&&|;/)
    .map(c => c.trim())
    .filter(Boolean);
  for (const command of commands) {
    if (
      /^apt-get (update|clean)\b/.test(command) ||
      /^rm -rf \/var\/lib\/apt\/lists/.test(command)
    ) {
      continue;
    }
    const install = /^apt-get install\s+(.*)$/.exec(command);
    if (install) {
      const packages = install[1]
        .split(/\s+/)
        .filter(w => w && !w.startsWith('-'));
      for (const pkg of packages) {
        const { stdout } = await run('dpkg-query', [
          '-W',
          '-f=${Status}',
          pkg,
        ]).catch(() => ({
          stdout: '',
        }));
        if (!stdout.includes('install ok installed')) {
          throw new Error(
            `The Dockerfile installs the Debian package ${pkg} (line ${instruction.line}); install it on this machine too (apt-get install ${pkg})`,
          );
        }
      }
      continue;
    }
    const mkdir = /^install -d(?: -[og] \S+)* (\S+)$/.exec(command);
    if (mkdir && mkdir[1] === nextWorkdir) continue;
    throw new Error(
      `Cannot replay '${command}' (Dockerfile line ${instruction.line}) before WORKDIR without Docker`,
    );
  }
}

function runShell(
  command: string,
  cwd: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
  log: string[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', command], {
      cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    const collect = (c: Buffer) => out.push(c.toString('utf8'));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      log.push(`$ ${command}`, ...out.join('').split('\n').slice(-40));
      if (code === 0) resolve();
      else {
        reject(
          new Error(
            `RUN ${command} failed with ${code}:\n${out
              .join('')
              .split('\n')
              .slice(-40)
              .join('\n')}`,
          ),
        );
      }
    });
  });
}

export async function replayStage(
  options: ReplayOptions,
  name: string,
  done: Map<string, ReplayedStage> = new Map(),
): Promise<ReplayedStage> {
  const existing = done.get(name);
  if (existing) return existing;
  const stage: Stage = findStage(options.dockerfile, name);
  if (options.dockerfile.stages.some(s => s.name === stage.from)) {
    throw new Error(
      `Stage ${name} is based on stage ${stage.from}; the replay supports images only`,
    );
  }
  const dir = fs.mkdtempSync(path.join(options.workRoot, `${name}-`));
  const result: ReplayedStage = {
    name,
    dir,
    workdir: '',
    env: {},
    user: 'root',
    log: [],
  };
  const instructions = stage.instructions;

  const stageFolder = async (
    from: string,
  ): Promise<{ root: string; workdir: string }> => {
    if (options.prebuilt[from]) {
      const other = findStage(options.dockerfile, from);
      const wd =
        other.instructions.filter(i => i.keyword === 'WORKDIR').pop()?.args ??
        '/';
      return { root: options.prebuilt[from], workdir: wd };
    }
    const other = await replayStage(options, from, done);
    return { root: other.dir, workdir: other.workdir };
  };

  for (let i = 0; i < instructions.length; i++) {
    const ins = instructions[i];
    switch (ins.keyword) {
      case 'WORKDIR':
        if (!ins.args.startsWith('/'))
          throw new Error(`WORKDIR ${ins.args} must be absolute`);
        if (result.workdir && result.workdir !== ins.args) {
          throw new Error(
            `Stage ${name} changes WORKDIR; the replay supports one`,
          );
        }
        result.workdir = ins.args;
        break;
      case 'RUN': {
        if (!result.workdir) {
          const next = instructions
            .slice(i)
            .find(x => x.keyword === 'WORKDIR')?.args;
          await checkSetupRun(ins, next);
          break;
        }
        const env = { ...options.env, ...result.env };
        await runShell(
          ins.args,
          dir,
          env,
          options.runTimeoutMs ?? 600_000,
          result.log,
        );
        break;
      }
      case 'COPY': {
        if (!result.workdir)
          throw new Error(`COPY before WORKDIR (line ${ins.line})`);
        const { sources, dest } = copyOperands(ins);
        const from = ins.flags.from?.[0];
        const destPath = path.resolve(dir, dest);
        const destIsDir =
          dest.endsWith('/') || dest === '.' || sources.length > 1;
        for (const source of sources) {
          let sourcePath: string;
          if (from) {
            const other = await stageFolder(from);
            const rel = path.posix.relative(other.workdir, source);
            if (rel.startsWith('..')) {
              throw new Error(
                `COPY --from=${from} ${source} is outside that stage's WORKDIR`,
              );
            }
            sourcePath = path.join(other.root, rel);
          } else {
            sourcePath = path.join(options.context, source);
          }
          if (!fs.existsSync(sourcePath)) {
            throw new Error(
              `COPY${
                from ? ` --from=${from}` : ''
              } ${source} (Dockerfile line ${
                ins.line
              }): ${sourcePath} does not exist`,
            );
          }
          await copyInto(sourcePath, destPath, destIsDir);
        }
        break;
      }
      case 'ENV':
        Object.assign(result.env, envAssignments(ins));
        break;
      case 'USER':
        result.user = ins.args;
        break;
      case 'CMD':
        if (!ins.json) throw new Error('CMD must use the exec (JSON) form');
        result.cmd = ins.json;
        break;
      case 'LABEL':
      case 'EXPOSE':
      case 'HEALTHCHECK':
      case 'ARG':
        break;
      default:
        throw new Error(
          `Cannot replay ${ins.keyword} (Dockerfile line ${ins.line})`,
        );
    }
  }
  done.set(name, result);
  return result;
}

/** A folder with `node` (this Node.js) and `yarn` (the committed release) for RUN steps. */
export function toolShims(workRoot: string, yarnRelease: string): string {
  const bin = fs.mkdtempSync(path.join(workRoot, 'bin-'));
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  fs.writeFileSync(
    path.join(bin, 'yarn'),
    `#!/bin/sh\nexec "${process.execPath}" "${yarnRelease}" "$@"\n`,
    { mode: 0o755 },
  );
  return bin;
}

export function tempRoot(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}
