/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { assertNoneNeverAllowed } from './allowLists';

/**
 * Markdown extensions an mkdocs.yml may list when
 * `techdocs.guard.allowedMarkdownExtensions` is not configured: the ones the
 * portal's own mkdocs.yml and the FastAPI template's skeleton use, and a few
 * more of Python-Markdown and pymdownx that only rewrite the page's text.
 * None of them opens a file, a URL or a process (checked in Debian's
 * Python-Markdown 3.4.1 and pymdownx 9.5: only pymdownx.snippets and
 * pymdownx.b64 do). Their options cannot name Python code either: that needs
 * a `!!python/name` tag, which the guard refuses.
 */
export const DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS = [
  'abbr',
  'admonition',
  'attr_list',
  'codehilite',
  'def_list',
  'fenced_code',
  'footnotes',
  'md_in_html',
  'meta',
  'sane_lists',
  'tables',
  'toc',
  'pymdownx.caret',
  'pymdownx.details',
  'pymdownx.emoji',
  'pymdownx.highlight',
  'pymdownx.inlinehilite',
  'pymdownx.keys',
  'pymdownx.mark',
  'pymdownx.smartsymbols',
  'pymdownx.superfences',
  'pymdownx.tabbed',
  'pymdownx.tasklist',
  'pymdownx.tilde',
];

/**
 * Extensions that read files (or URLs) named in a page or in their options,
 * wherever they are on the build server. Refused even when configured as
 * allowed: no option of theirs keeps them inside the repository on the
 * build server's pymdownx (9.5 has no `restrict_base_path`, and techdocs-node
 * throws away pymdownx.snippets' options anyway).
 */
export const NEVER_ALLOWED_MARKDOWN_EXTENSIONS: Record<string, string> = {
  'pymdownx.snippets':
    'copies any file the build server can read into the page, by absolute or ../ path, e.g. /proc/self/environ with the server secrets, whatever its options (base_path and check_paths do not confine it, restrict_base_path does not exist in the build server pymdownx 9.5, url_download would also fetch any URL the server can reach)',
  'pymdownx.b64':
    'embeds any image file the build server can read into the page, by absolute path',
  'markdown_include.include':
    'copies any file the build server can read into the page',
  mdx_include:
    'copies any file the build server can read, or a URL, into the page',
};

const BUILTIN_PREFIX = 'markdown.extensions.';

/**
 * The name an extension is allowed under: Python-Markdown's own extensions
 * can be written with or without `markdown.extensions.`.
 */
export function normalizeExtensionName(name: string): string {
  return name.startsWith(BUILTIN_PREFIX)
    ? name.slice(BUILTIN_PREFIX.length)
    : name;
}

/** Why an extension is never allowed, or undefined. */
function neverAllowedReason(name: string): string | undefined {
  // `module:Class` loads the same module as `module`.
  const module = normalizeExtensionName(name).split(':')[0];
  return Object.prototype.hasOwnProperty.call(
    NEVER_ALLOWED_MARKDOWN_EXTENSIONS,
    module,
  )
    ? NEVER_ALLOWED_MARKDOWN_EXTENSIONS[module]
    : undefined;
}

/**
 * Extension names from the forms mkdocs accepts: a list of names or
 * single-key mappings (name: options), or a mapping of name to options.
 */
function extensionNames(extensions: unknown): string[] {
  if (extensions === undefined || extensions === null) {
    return [];
  }
  if (Array.isArray(extensions)) {
    return extensions.flatMap(entry =>
      entry && typeof entry === 'object' && !Array.isArray(entry)
        ? Object.keys(entry as Record<string, unknown>)
        : [String(entry)],
    );
  }
  if (typeof extensions === 'object') {
    return Object.keys(extensions as Record<string, unknown>);
  }
  return [String(extensions)];
}

const quoted = (names: string[]) => names.map(n => `'${n}'`).join(', ');

/**
 * Problems with the `markdown_extensions` of one configuration file: an
 * extension that reads files from anywhere on the build server, or one that
 * is not in `allowed`.
 */
export function checkMarkdownExtensions(
  label: string,
  extensions: unknown,
  allowed: string[],
): string[] {
  const problems: string[] = [];
  const allowedSet = new Set(allowed.map(normalizeExtensionName));
  const unlisted: string[] = [];
  for (const name of extensionNames(extensions)) {
    const reason = neverAllowedReason(name);
    if (reason) {
      problems.push(
        `${label} uses the Markdown extension '${name}', which ${reason}; it is not allowed, put the text or image into the docs folder instead`,
      );
    } else if (!allowedSet.has(normalizeExtensionName(name))) {
      unlisted.push(name);
    }
  }
  if (unlisted.length > 0) {
    problems.push(
      `${label} uses the Markdown extension${
        unlisted.length > 1 ? 's' : ''
      } ${quoted(unlisted)}, not allowed here (allowed: ${
        allowed.join(', ') || 'none'
      }; platform admins set techdocs.guard.allowedMarkdownExtensions)`,
    );
  }
  return problems;
}

/**
 * Checks a configured allow list: an extension that reads files from
 * anywhere cannot be allowed.
 */
export function assertAllowableExtensions(allowed: string[]): void {
  assertNoneNeverAllowed(
    'techdocs.guard.allowedMarkdownExtensions',
    ['extension', 'extensions'],
    allowed,
    neverAllowedReason,
  );
}
