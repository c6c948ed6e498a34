/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { checkMkdocsConfig, GuardPolicy } from '../guard';
import { DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS } from '../markdownExtensions';
import { DEFAULT_ALLOWED_PLUGINS } from '../plugins';

/** The policy the guard uses when nothing is configured. */
export const defaultPolicy: GuardPolicy = {
  allowedPlugins: DEFAULT_ALLOWED_PLUGINS,
  allowedMarkdownExtensions: DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS,
};

/**
 * A checked-out repository in a fresh directory for each test, with
 * docs/index.md, and `check`, which runs the guard on it and returns its
 * error (or undefined when it accepts the repository). Call in a describe.
 */
export function guardedRepository() {
  const mockDir = createMockDirectory();
  const repo = () => mockDir.resolve('repo');
  beforeEach(() => mockDir.clear());

  async function check(
    files: Record<string, string>,
    policy: GuardPolicy = defaultPolicy,
    links: Record<string, string> = {},
  ): Promise<Error | undefined> {
    mockDir.setContent({
      repo: { 'docs/index.md': '# Hello\n', ...files },
      outside: { 'secret.md': 'secret\n' },
    });
    for (const [link, target] of Object.entries(links)) {
      fs.symlinkSync(target, path.join(repo(), link));
    }
    return checkMkdocsConfig(repo(), policy).then(
      () => undefined,
      e => e as Error,
    );
  }

  return { mockDir, repo, check };
}
