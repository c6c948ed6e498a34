/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';

/** This package's folder (from its sources and from a build alike). */
const packageDir = path.dirname(
  require.resolve('@internal/test-support/package.json'),
);

/**
 * The repository root: the nearest folder at or above `from` whose
 * `package.json` declares `workspaces`. Throws when there is none, rather
 * than guessing a folder to write into.
 */
export function findRepoRoot(from: string = packageDir): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces) return dir;
      } catch {
        // an unreadable package.json is not the root; keep looking
      }
    }
    if (path.dirname(dir) === dir) {
      throw new Error(
        `No workspace root (package.json with workspaces) above ${from}`,
      );
    }
  }
}

/** The root of this repository (found from this package's folder). */
export const repoRoot = findRepoRoot();
