/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot, repoRoot } from './repoRoot';

describe('findRepoRoot', () => {
  const root = path.resolve(__dirname, '..', '..', '..');

  it('finds the folder whose package.json has workspaces, from anywhere below it', () => {
    expect(repoRoot).toBe(root);
    expect(findRepoRoot(__dirname)).toBe(root);
    expect(findRepoRoot(path.join(root, 'stand-ins', 'github', 'src'))).toBe(
      root,
    );
    expect(findRepoRoot(root)).toBe(root);
  });

  it('passes over package.json files without workspaces, and unreadable ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'repo-root-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ workspaces: ['packages/*'] }),
      );
      const pkg = path.join(dir, 'packages', 'a');
      fs.mkdirSync(path.join(pkg, 'src'), { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"a"}');
      expect(findRepoRoot(path.join(pkg, 'src'))).toBe(dir);
      fs.writeFileSync(path.join(pkg, 'package.json'), '{ not json');
      expect(findRepoRoot(path.join(pkg, 'src'))).toBe(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws outside a repository instead of guessing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-repo-'));
    try {
      expect(() => findRepoRoot(dir)).toThrow(
        `No workspace root (package.json with workspaces) above ${dir}`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
