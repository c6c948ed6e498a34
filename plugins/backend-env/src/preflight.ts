/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, isMap, isSeq, isScalar, Node } from 'yaml';

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

function collect(node: Node | null, at: string, file: string, out: Reference[]) {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      collect(pair.value as Node, at ? `${at}.${key}` : key, file, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collect(item as Node, `${at}[${i}]`, file, out));
  } else if (isScalar(node) && typeof node.value === 'string') {
    for (const m of node.value.matchAll(REFERENCE)) {
      if (m[2] === undefined) {
        out.push({ variable: m[1], configPath: at, file, template: node.value });
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
      const rendered = ref.template.replace(REFERENCE, (_, name: string, fallback?: string) =>
        options.env[name] ?? fallback?.slice(2) ?? '',
      );
      let ok = false;
      try {
        const u = new URL(rendered);
        ok = (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.host);
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

/**
 * Runs {@link checkConfigEnvironment} for this process and, on problems, prints
 * one line and exits with code 78 (EX_CONFIG) instead of letting the backend
 * fail later with a long stack trace.
 */
export function preflight(
  proc: Pick<NodeJS.Process, 'argv' | 'env' | 'cwd' | 'exit'> = process,
  print: (line: string) => void = line => process.stderr.write(`${line}\n`),
) {
  const problems = checkConfigEnvironment({
    files: configFilesFromArgv(proc.argv.slice(2), proc.cwd()),
    env: proc.env,
  });
  if (problems.length > 0) {
    print(
      `Configuration error: ${problems.map(p => p.message).join('; ')}. Set the variable${problems.length > 1 ? 's' : ''} and start again.`,
    );
    proc.exit(78);
  }
}
