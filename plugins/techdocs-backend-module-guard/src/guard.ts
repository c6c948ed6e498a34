/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { LineCounter, parseDocument, visit } from 'yaml';

/** What an mkdocs.yml may use. */
export interface GuardPolicy {
  /** MkDocs plugin names an mkdocs.yml may list under `plugins:`. */
  allowedPlugins: string[];
}

/** Used when `techdocs.guard.allowedPlugins` is not configured. */
export const DEFAULT_ALLOWED_PLUGINS = ['search', 'techdocs-core'];

export const MISSING_MKDOCS_YML_MESSAGE =
  'no mkdocs.yml at the repository root; add one or remove the backstage.io/techdocs-ref annotation';

const CONFIG_FILE_NAMES = ['mkdocs.yml', 'mkdocs.yaml'];
// mkdocs itself follows INHERIT chains; a few levels are plenty for real
// projects and stop a file that inherits from itself.
const MAX_INHERIT_DEPTH = 5;
const PYTHON_TAG_PREFIX = 'tag:yaml.org,2002:python/';

/**
 * Reads the mkdocs.yml (or mkdocs.yaml) at the root of `inputDir` and every
 * file it INHERITs from, and refuses configurations that would make mkdocs
 * read files outside `inputDir` or run code that is not part of the allowed
 * plugins. Throws one error that names every problem found.
 *
 * Must run before the stock generator: it writes a default mkdocs.yml when
 * none exists and silently drops unknown keys, which hides the problem from
 * the docs' owner.
 */
export async function checkMkdocsConfig(
  inputDir: string,
  policy: GuardPolicy,
): Promise<void> {
  const root = await realpathOrSelf(inputDir);
  const configFiles: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    if (await isFile(path.join(root, name))) {
      configFiles.push(path.join(root, name));
    }
  }
  if (configFiles.length === 0) {
    throw new InputError(MISSING_MKDOCS_YML_MESSAGE);
  }

  const problems: string[] = [];
  for (const file of configFiles) {
    await checkConfigFile(root, file, policy, problems, new Set(), 0);
  }
  if (problems.length === 1) {
    throw new NotAllowedError(`TechDocs refused to build: ${problems[0]}`);
  }
  if (problems.length > 1) {
    // One line, no double quotes: the Docs tab shows the message
    // JSON-quoted, so a newline or a quote would appear escaped.
    throw new NotAllowedError(
      `TechDocs refused to build, ${problems.length} problems: ${problems
        .map((p, i) => `(${i + 1}) ${p}`)
        .join('; ')}`,
    );
  }
}

async function checkConfigFile(
  root: string,
  file: string,
  policy: GuardPolicy,
  problems: string[],
  seen: Set<string>,
  depth: number,
): Promise<void> {
  const label = path.relative(root, file) || path.basename(file);
  const real = await realpathOrSelf(file);
  if (!isChildPath(root, real)) {
    problems.push(
      `${label} is a symbolic link to a file outside the repository; commit the file itself`,
    );
    return;
  }
  if (seen.has(real)) {
    problems.push(
      `${label} INHERITs from itself (directly or through another file)`,
    );
    return;
  }
  seen.add(real);

  const lineCounter = new LineCounter();
  const text = await fs.readFile(real, 'utf8');
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line } = lineCounter.linePos(err.pos[0]);
    throw new InputError(
      `${label} is not valid YAML (line ${line}): ${
        err.message.split('\n')[0]
      }`,
    );
  }

  // Tags: Python tags make PyYAML import and call arbitrary Python; !ENV
  // copies the build server's environment (where its secrets live) into the
  // generated site.
  visit(doc, {
    Node(_key, node) {
      const tag = node.tag;
      if (!tag || !node.range) {
        return;
      }
      const { line } = lineCounter.linePos(node.range[0]);
      if (tag.startsWith(PYTHON_TAG_PREFIX)) {
        problems.push(
          `${label} line ${line} uses the YAML tag !!python/${tag.slice(
            PYTHON_TAG_PREFIX.length,
          )}; Python tags run code on the build server and are not allowed`,
        );
      } else if (tag === '!ENV') {
        problems.push(
          `${label} line ${line} uses the YAML tag !ENV; it would copy the build server's environment variables into the docs and is not allowed`,
        );
      }
    },
  });

  const config = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (config === null || config === undefined) {
    problems.push(`${label} is empty; it needs at least site_name`);
    return;
  }
  if (typeof config !== 'object' || Array.isArray(config)) {
    problems.push(`${label} must be a YAML mapping (key: value pairs)`);
    return;
  }
  const cfg = config as Record<string, unknown>;
  const fileDir = path.dirname(real);

  if ('hooks' in cfg) {
    const hooks = Array.isArray(cfg.hooks)
      ? cfg.hooks.join(', ')
      : String(cfg.hooks);
    problems.push(
      `${label} declares hooks (${hooks}); hooks run arbitrary Python on the build server and are not allowed, remove the hooks: key`,
    );
  }

  if (cfg.docs_dir !== undefined && cfg.docs_dir !== null) {
    const docsDir = String(cfg.docs_dir);
    if (
      path.isAbsolute(docsDir) ||
      !isChildPath(root, path.resolve(fileDir, docsDir)) ||
      !isChildPath(root, path.resolve(root, docsDir))
    ) {
      problems.push(
        `docs_dir '${docsDir}' in ${label} points outside the repository; use a relative path inside it, such as 'docs'`,
      );
    }
  }

  const plugins = pluginNames(cfg.plugins);
  const allowed = new Set(policy.allowedPlugins);
  const refused = plugins.filter(name => !allowed.has(name));
  if (refused.length > 0) {
    problems.push(
      `${label} uses the MkDocs plugin${refused.length > 1 ? 's' : ''} ${refused
        .map(p => `'${p}'`)
        .join(', ')}, not allowed here (allowed: ${
        policy.allowedPlugins.join(', ') || 'none'
      }; platform admins set techdocs.guard.allowedPlugins)`,
    );
  }

  if (cfg.INHERIT !== undefined && cfg.INHERIT !== null) {
    const inherit = String(cfg.INHERIT);
    const parent = path.resolve(fileDir, inherit);
    if (path.isAbsolute(inherit) || !isChildPath(root, parent)) {
      problems.push(
        `INHERIT '${inherit}' in ${label} points outside the repository; inherit only from a file inside it`,
      );
    } else if (!(await isFile(parent))) {
      problems.push(
        `INHERIT '${inherit}' in ${label} names a file that does not exist`,
      );
    } else if (depth + 1 >= MAX_INHERIT_DEPTH) {
      problems.push(
        `${label} INHERITs through more than ${MAX_INHERIT_DEPTH} files`,
      );
    } else {
      await checkConfigFile(root, parent, policy, problems, seen, depth + 1);
    }
  }
}

/**
 * Plugin names from the forms mkdocs accepts: a list of names or
 * single-key mappings, or a mapping of name to options. Plugin groups
 * (material's `group` plugin) list more plugins under their own `plugins:`.
 */
function pluginNames(plugins: unknown): string[] {
  if (plugins === undefined || plugins === null) {
    return [];
  }
  const entries: Array<[string, unknown]> = [];
  if (Array.isArray(plugins)) {
    for (const entry of plugins) {
      if (typeof entry === 'string') {
        entries.push([entry, undefined]);
      } else if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
        entries.push(...Object.entries(entry as Record<string, unknown>));
      } else {
        entries.push([String(entry), undefined]);
      }
    }
  } else if (typeof plugins === 'object') {
    entries.push(...Object.entries(plugins as Record<string, unknown>));
  } else {
    entries.push([String(plugins), undefined]);
  }
  const names: string[] = [];
  for (const [name, options] of entries) {
    names.push(name);
    if (options && typeof options === 'object' && 'plugins' in options) {
      names.push(...pluginNames((options as { plugins: unknown }).plugins));
    }
  }
  return names;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function realpathOrSelf(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return path.resolve(p);
  }
}
