/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { assertNoneNeverAllowed } from './allowLists';

/**
 * Used when `techdocs.guard.allowedPlugins` is not configured: MkDocs' own
 * search plugin, which only indexes the pages being built.
 */
export const DEFAULT_ALLOWED_PLUGINS = ['search'];

/**
 * Plugins that read files named in mkdocs.yml or in a page, wherever they
 * are on the build server. Refused even when configured as allowed.
 */
export const NEVER_ALLOWED_PLUGINS: Record<string, string> = {
  'techdocs-core':
    'turns on pymdownx.snippets (copies any file the build server can read into a page; Debian has no pymdownx with restrict_base_path), the monorepo plugin and plantuml_markdown',
  monorepo:
    'includes the docs and mkdocs.yml of any folder named by an !include path',
  'include-markdown':
    'copies any file the build server can read into the page, by absolute or ../ path',
  macros:
    'runs Python modules from the repository and its Jinja include reads files on the build server',
};

/** Why a plugin is never allowed, or undefined. */
export function neverAllowedReason(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(NEVER_ALLOWED_PLUGINS, name)
    ? NEVER_ALLOWED_PLUGINS[name]
    : undefined;
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

/**
 * Problems with the `plugins` of one configuration file: an MkDocs plugin is
 * Python code that runs on the build server, so only `allowed` ones may run,
 * and never one that reads files from anywhere.
 */
export function checkPlugins(
  label: string,
  plugins: unknown,
  allowed: string[],
): string[] {
  const problems: string[] = [];
  const allowedSet = new Set(allowed);
  const refused: string[] = [];
  for (const name of pluginNames(plugins)) {
    const reason = neverAllowedReason(name);
    if (reason) {
      problems.push(
        `${label} uses the MkDocs plugin '${name}', which ${reason}; it is not allowed, remove it and put the content into the docs folder instead`,
      );
    } else if (!allowedSet.has(name)) {
      refused.push(name);
    }
  }
  if (refused.length > 0) {
    problems.push(
      `${label} uses the MkDocs plugin${refused.length > 1 ? 's' : ''} ${refused
        .map(p => `'${p}'`)
        .join(', ')}, not allowed here (allowed: ${
        allowed.join(', ') || 'none'
      }; platform admins set techdocs.guard.allowedPlugins)`,
    );
  }
  return problems;
}

/**
 * Checks a configured allow list: a plugin that reads files from anywhere
 * cannot be allowed.
 */
export function assertAllowablePlugins(allowed: string[]): void {
  assertNoneNeverAllowed(
    'techdocs.guard.allowedPlugins',
    ['plugin', 'plugins'],
    allowed,
    neverAllowedReason,
  );
}
