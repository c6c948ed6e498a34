/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';

/** Links named in one message; more are counted. */
const MAX_LISTED = 5;

/**
 * Problems for every symbolic link in the repository whose target (followed
 * to the end, dangling or not) is outside it. mkdocs follows links: a
 * `docs/env.md -> /proc/self/environ` would be published as a page. A link
 * to somewhere inside the repository is fine.
 *
 * techdocs-node refuses such links as well, but only after it has rewritten
 * mkdocs.yml; and Backstage's archive readers drop them silently, which
 * leaves the docs' owner wondering where the page went.
 */
export async function linksLeavingRepository(root: string): Promise<string[]> {
  const outside: Array<{ link: string; target: string; kind: string }> = [];
  const unresolved: string[] = [];
  const entries = await fs.readdir(root, {
    recursive: true,
    withFileTypes: true,
  });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) {
      continue;
    }
    const link = path.join(entry.parentPath, entry.name);
    // isChildPath resolves both paths through every link, as mkdocs would.
    try {
      if (isChildPath(root, link)) {
        continue;
      }
    } catch (error) {
      // A loop (ELOOP) or an unreadable link.
      unresolved.push(
        `${path.relative(
          root,
          link,
        )} is a symbolic link that cannot be followed (${
          (error as NodeJS.ErrnoException).code ?? String(error)
        }); remove it`,
      );
      continue;
    }
    const stat = await fs.stat(link).catch(() => undefined);
    outside.push({
      link: path.relative(root, link),
      target: await fs.readlink(link),
      kind: stat?.isDirectory() ? 'folder' : 'file',
    });
  }
  outside.sort((a, b) => a.link.localeCompare(b.link));

  const problems = outside
    .slice(0, MAX_LISTED)
    .map(
      ({ link, target, kind }) =>
        `${link} is a symbolic link to a ${kind} outside the repository (${target}); mkdocs would publish what it points to, commit the ${kind} itself instead`,
    );
  if (outside.length > MAX_LISTED) {
    problems.push(
      `${
        outside.length - MAX_LISTED
      } more symbolic links point outside the repository`,
    );
  }
  return [...problems, ...unresolved.slice(0, MAX_LISTED)];
}
