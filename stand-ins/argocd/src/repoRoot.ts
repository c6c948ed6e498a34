/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';

/** Directory of this package (works from source and from a build). */
export const packageDir = path.dirname(
  require.resolve('@internal/argocd-stand-in/package.json'),
);

/** Walks up from this package to the monorepo root (the package.json with workspaces). */
export function findRepoRoot(start: string = packageDir): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8'));
      if (json.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
