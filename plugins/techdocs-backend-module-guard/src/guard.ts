/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { checkMarkdownExtensions } from './markdownExtensions';
import { checkPlugins } from './plugins';
import { linksLeavingRepository } from './symlinks';
import { readAsStockGenerator, readMkdocsYaml } from './yaml';

/** What an mkdocs.yml may use. */
export interface GuardPolicy {
  /** MkDocs plugin names an mkdocs.yml may list under `plugins:`. */
  allowedPlugins: string[];
  /**
   * Markdown extension names an mkdocs.yml may list under
   * `markdown_extensions:`. Those that read files from anywhere on the build
   * server (pymdownx.snippets and the like) are refused even when listed.
   */
  allowedMarkdownExtensions: string[];
}

export const MISSING_MKDOCS_YML_MESSAGE =
  'no mkdocs.yml at the repository root; add one or remove the backstage.io/techdocs-ref annotation';

const CONFIG_FILE_NAMES = ['mkdocs.yml', 'mkdocs.yaml'];
// mkdocs itself follows INHERIT chains; a few levels are plenty for real
// projects and stop a file that inherits from itself.
const MAX_INHERIT_DEPTH = 5;

/**
 * Reads the mkdocs.yml (or mkdocs.yaml) at the root of `inputDir` and every
 * file it INHERITs from, and refuses configurations that would make mkdocs
 * read files outside `inputDir` or run code that is not part of the allowed
 * plugins; and symbolic links that lead out of `inputDir`. Throws one error
 * that names every problem found.
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

  const problems: string[] = await linksLeavingRepository(root);
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
    // Reached through a link out of the repository, which
    // linksLeavingRepository has reported; nothing to read here.
    return;
  }
  if (seen.has(real)) {
    problems.push(
      `${label} INHERITs from itself (directly or through another file)`,
    );
    return;
  }
  seen.add(real);

  const text = await fs.readFile(real, 'utf8');
  const { config, problems: tagProblems } = readMkdocsYaml(text, label);
  problems.push(...tagProblems);
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
  const found = new Set(settingProblems(root, fileDir, label, cfg, policy));
  // What mkdocs will run with is the stock generator's reading of the file.
  const stock = readAsStockGenerator(text);
  if (stock && typeof stock === 'object' && !Array.isArray(stock)) {
    for (const problem of settingProblems(
      root,
      fileDir,
      label,
      stock as Record<string, unknown>,
      policy,
    )) {
      found.add(problem);
    }
  }
  problems.push(...found);

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
 * Problems with the settings of one configuration file (one reading of it):
 * hooks, docs_dir, plugins, Markdown extensions and templates.
 */
function settingProblems(
  root: string,
  fileDir: string,
  label: string,
  cfg: Record<string, unknown>,
  policy: GuardPolicy,
): string[] {
  const problems: string[] = [];
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

  problems.push(
    ...checkPlugins(label, cfg.plugins, policy.allowedPlugins),
    ...checkMarkdownExtensions(
      label,
      cfg.markdown_extensions,
      policy.allowedMarkdownExtensions,
    ),
    ...checkTemplates(label, cfg),
  );
  return problems;
}

/**
 * Jinja templates the repository would bring: mkdocs renders them with a
 * plain (not sandboxed) Jinja environment, where a template can reach
 * Python's os module, the server's environment included.
 */
function checkTemplates(label: string, cfg: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const theme = cfg.theme;
  if (
    theme &&
    typeof theme === 'object' &&
    !Array.isArray(theme) &&
    'custom_dir' in theme
  ) {
    problems.push(
      `${label} sets theme.custom_dir ('${String(
        (theme as { custom_dir: unknown }).custom_dir,
      )}'); theme templates are Jinja code that runs on the build server and are not allowed, remove custom_dir and use the theme's options (name, language, palette, features, font, logo, favicon, icon)`,
    );
  }
  if ('extra_templates' in cfg) {
    const templates = Array.isArray(cfg.extra_templates)
      ? cfg.extra_templates.join(', ')
      : String(cfg.extra_templates);
    problems.push(
      `${label} lists extra_templates (${templates}); they are Jinja code that runs on the build server and are not allowed, remove the extra_templates: key`,
    );
  }
  return problems;
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
