/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, isMap, isSeq, isScalar, Node } from 'yaml';
import { ConfigSources } from '@backstage/config-loader';
import { DatabaseSettings, probeDatabase } from './database';
import {
  NotReadyServer,
  parseListen,
  startNotReadyServer,
} from './notReadyServer';

/** One problem found before start-up, phrased for an operator. */
export interface PreflightProblem {
  variable: string;
  configPath: string;
  file: string;
  message: string;
}

/** A `${NAME}` reference in a config file, without a `:-` fallback. */
interface Reference {
  variable: string;
  configPath: string;
  file: string;
  /** The whole value, e.g. `https://${HOST}` */
  template: string;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g;

function collect(
  node: Node | null,
  at: string,
  file: string,
  out: Reference[],
) {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key)
        ? String(pair.key.value)
        : String(pair.key);
      collect(pair.value as Node, at ? `${at}.${key}` : key, file, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) =>
      collect(item as Node, `${at}[${i}]`, file, out),
    );
  } else if (isScalar(node) && typeof node.value === 'string') {
    for (const m of node.value.matchAll(REFERENCE)) {
      if (m[2] === undefined) {
        out.push({
          variable: m[1],
          configPath: at,
          file,
          template: node.value,
        });
      }
    }
  }
}

/** Reads the `--config` files from a backend command line. */
export function configFilesFromArgv(argv: string[], cwd: string): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let value: string | undefined;
    if (argv[i] === '--config') {
      value = argv[++i];
    } else if (argv[i].startsWith('--config=')) {
      value = argv[i].slice('--config='.length);
    }
    if (value && !/^https?:/.test(value)) {
      files.push(path.resolve(cwd, value));
    }
  }
  return files;
}

const URL_KEY = /(baseUrl|Url|url)$/;

/**
 * Checks that every environment variable a production config file refers to
 * (`${NAME}` without a fallback) is set, and that URL settings built from
 * variables are valid http(s) URLs. Only files whose name contains
 * `production` are checked: in development config a missing variable simply
 * leaves an optional setting out.
 */
export function checkConfigEnvironment(options: {
  files: string[];
  env: Record<string, string | undefined>;
}): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const refs: Reference[] = [];
  for (const file of options.files) {
    if (!/production/.test(path.basename(file))) {
      continue;
    }
    if (!fs.existsSync(file)) {
      continue; // the config loader reports missing files itself
    }
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    collect(doc.contents as Node, '', path.basename(file), refs);
  }
  const seen = new Set<string>();
  for (const ref of refs) {
    const value = options.env[ref.variable];
    if (value === undefined || value.trim() === '') {
      if (!seen.has(ref.variable)) {
        seen.add(ref.variable);
        problems.push({
          ...ref,
          message: `${ref.variable} is not set (needed for ${ref.configPath} in ${ref.file})`,
        });
      }
      continue;
    }
    if (URL_KEY.test(ref.configPath) && !seen.has(ref.variable)) {
      const rendered = ref.template.replace(
        REFERENCE,
        (_, name: string, fallback?: string) =>
          options.env[name] ?? fallback?.slice(2) ?? '',
      );
      let ok = false;
      try {
        const u = new URL(rendered);
        ok =
          (u.protocol === 'http:' || u.protocol === 'https:') &&
          Boolean(u.host);
      } catch {
        ok = false;
      }
      if (!ok) {
        seen.add(ref.variable);
        problems.push({
          ...ref,
          message: `${ref.variable} must make ${ref.configPath} an http(s) URL such as https://portal.example.com, got '${rendered}'`,
        });
      }
    }
  }
  return problems;
}

/** What {@link preflight} needs from the merged configuration. */
export interface StartupSettings {
  listen: unknown;
  database: DatabaseSettings;
}

/** Loads the merged config exactly as the backend will (files, APP_CONFIG_*). */
async function loadStartupSettings(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<StartupSettings> {
  const source = ConfigSources.default({
    argv,
    env: env as Record<string, string>,
    watch: false,
  });
  const config = await ConfigSources.toConfig(source);
  try {
    return {
      listen: config.getOptional('backend.listen'),
      database: config.getOptional<DatabaseSettings>('backend.database') ?? {},
    };
  } finally {
    config.close();
  }
}

/** How bad a line of the gate is. */
export type PreflightLevel = 'error' | 'warn' | 'info';

/**
 * Writes a line of the gate to stderr: in production (`NODE_ENV=production`)
 * as one JSON object with timestamp, level, plugin and message, like every
 * line the backend's logger writes later; otherwise as plain text.
 */
export function printPreflightLine(
  line: string,
  level: PreflightLevel = 'info',
  env: Record<string, string | undefined> = process.env,
) {
  process.stderr.write(
    `${
      env.NODE_ENV === 'production'
        ? JSON.stringify({
            timestamp: new Date().toISOString(),
            level,
            plugin: 'backend',
            service: 'preflight',
            message: line,
          })
        : line
    }\n`,
  );
}

export interface PreflightOptions {
  argv?: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  print?: (line: string, level: PreflightLevel) => void;
  /** Defaults to loading the backend's config from `argv` and `env`. */
  loadSettings?: () => Promise<StartupSettings>;
  probe?: (database: DatabaseSettings) => Promise<string | undefined>;
  retryIntervalMs?: number;
  /** Called on SIGTERM/SIGINT while the backend is held back. */
  exit?: (code: number) => void;
}

/**
 * Runs before the backend starts, and lets it start only when it can:
 *
 * - every environment variable that production config refers to is set
 *   and URL settings are URLs ({@link checkConfigEnvironment});
 * - the PostgreSQL server answers.
 *
 * Until then it prints one line naming the problem and holds the backend's
 * port with a server whose readiness answers 503 and liveness 200: the pod
 * stays out of the load balancer without a crash loop of stack traces. A
 * missing variable cannot appear without a restart, so that state lasts
 * until the pod is replaced; a database that comes up is retried and the
 * backend starts as soon as it answers. SIGTERM exits cleanly meanwhile.
 */
export async function preflight(options: PreflightOptions = {}): Promise<void> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const print =
    options.print ??
    ((line: string, level: PreflightLevel) =>
      printPreflightLine(line, level, env));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const loadSettings =
    options.loadSettings ?? (() => loadStartupSettings(argv, env));
  const probe = options.probe ?? probeDatabase;
  const retryIntervalMs = options.retryIntervalMs ?? 5000;

  const problems = checkConfigEnvironment({
    files: configFilesFromArgv(argv, options.cwd ?? process.cwd()),
    env,
  });
  const settings = await loadSettings();
  const listen = parseListen(settings.listen);

  let held: NotReadyServer | undefined;
  const onSignal = () => {
    void (held ? held.close() : Promise.resolve()).then(() => exit(0));
  };
  const hold = async (reason: string) => {
    held = await startNotReadyServer(listen, reason);
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  };

  if (problems.length > 0) {
    const reason = `configuration error: ${problems
      .map(p => p.message)
      .join('; ')}`;
    print(
      `Configuration error: ${problems.map(p => p.message).join('; ')}. ` +
        `Readiness stays 503 until the variable${
          problems.length > 1 ? 's are' : ' is'
        } set and the pod restarted.`,
      'error',
    );
    await hold(reason);
    // Never starts: the process stays up, unready, until it is stopped.
    await new Promise<never>(() => {});
  }

  let reason = await probe(settings.database);
  if (reason === undefined) return;

  const waitingSince = Date.now();
  print(
    `Waiting for the database: ${reason}. Readiness stays 503; retrying every ${Math.round(
      retryIntervalMs / 1000,
    )} s.`,
    'warn',
  );
  await hold(reason);
  for (;;) {
    await new Promise(r => setTimeout(r, retryIntervalMs));
    const next = await probe(settings.database);
    if (next === undefined) break;
    if (next !== reason) {
      print(`Still waiting for the database: ${next}.`, 'warn');
      held!.setReason(next);
    }
    reason = next;
  }
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('SIGINT', onSignal);
  await held!.close();
  print(
    `The database answers after ${Math.round(
      (Date.now() - waitingSince) / 1000,
    )} s; starting the backend.`,
    'info',
  );
}
