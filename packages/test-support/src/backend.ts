/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './ports';
import { repoRoot } from './repoRoot';

export interface StartBackendOptions {
  /**
   * Working directory of the process. Defaults to `packages/backend`, where
   * `backstage-cli package start` runs the backend.
   */
  cwd?: string;
  /**
   * Command line. Defaults to the backend's TypeScript entry point run through
   * Backstage's node transform, exactly as `yarn start` does but without the
   * file watcher, so signals reach the backend itself.
   */
  command?: string[];
  /** Extra arguments, typically `--config` flags. */
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Port to listen on; a free one when omitted. */
  port?: number;
  readyTimeoutMs?: number;
  /** Set false to return as soon as the process is spawned. */
  waitForReady?: boolean;
}

export interface BackendProcess {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Every line the process printed on stdout and stderr so far. */
  logs(): string[];
  /** Log lines at error level (JSON `level: error` or the text format's `error`). */
  errorLines(): string[];
  /** Resolves with the exit code when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForReady(timeoutMs?: number): Promise<void>;
  stop(
    signal?: NodeJS.Signals,
    timeoutMs?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// Matches both the JSON log format (production) and the colored text format
// (development): `... error plugin=...` after stripping ANSI codes.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export function isErrorLine(line: string): boolean {
  const plain = line.replace(ANSI, '');
  if (plain.startsWith('{')) {
    try {
      return JSON.parse(plain).level === 'error';
    } catch {
      return false;
    }
  }
  return /^\S+\s+\S+\s+error\s/.test(plain) || /^\S+\s+error\s/.test(plain);
}

export async function startBackend(
  options: StartBackendOptions = {},
): Promise<BackendProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const cwd = options.cwd ?? path.join(repoRoot, 'packages/backend');
  const command = options.command ?? [
    process.execPath,
    '--enable-source-maps',
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
      paths: [cwd, repoRoot],
    }),
    'src/index.ts',
  ];
  const lines: string[] = [];
  const child = spawn(
    command[0],
    [...command.slice(1), ...(options.args ?? [])],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.json'),
        APP_CONFIG_backend_listen_port: String(port),
        APP_CONFIG_backend_baseUrl: baseUrl,
        ...options.env,
      } as NodeJS.ProcessEnv,
    },
  );
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) lines.push(line);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const waitForReady = async (timeoutMs = options.readyTimeoutMs ?? 60_000) => {
    const deadline = Date.now() + timeoutMs;
    let done = false;
    exited.then(() => {
      done = true;
    });
    while (Date.now() < deadline) {
      if (done) {
        throw new Error(
          `Backend exited before it was ready:\n${lines.slice(-30).join('\n')}`,
        );
      }
      try {
        const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise(r => setTimeout(r, 250));
    }
    // The probe's own access-log lines would push out the reason.
    const telling = lines.filter(
      l => !l.includes('/.backstage/health/v1/readiness'),
    );
    throw new Error(
      `Backend not ready within ${timeoutMs} ms:\n${telling
        .slice(-30)
        .join('\n')}`,
    );
  };

  const proc: BackendProcess = {
    baseUrl,
    port,
    child,
    logs: () => [...lines],
    errorLines: () => lines.filter(isErrorLine),
    exited,
    waitForReady,
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  if (options.waitForReady !== false) {
    try {
      await waitForReady();
    } catch (e) {
      await proc.stop('SIGKILL');
      throw e;
    }
  }
  return proc;
}
