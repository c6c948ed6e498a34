/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** Used when `techdocs.guard.allowedPlugins` is not configured. */
export const DEFAULT_ALLOWED_PLUGINS = ['search', 'techdocs-core'];

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
 * Python code that runs on the build server, so only `allowed` ones may run.
 */
export function checkPlugins(
  label: string,
  plugins: unknown,
  allowed: string[],
): string[] {
  const allowedSet = new Set(allowed);
  const refused = pluginNames(plugins).filter(name => !allowedSet.has(name));
  if (refused.length === 0) {
    return [];
  }
  return [
    `${label} uses the MkDocs plugin${refused.length > 1 ? 's' : ''} ${refused
      .map(p => `'${p}'`)
      .join(', ')}, not allowed here (allowed: ${
      allowed.join(', ') || 'none'
    }; platform admins set techdocs.guard.allowedPlugins)`,
  ];
}
