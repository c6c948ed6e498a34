/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Who commits: a person from the sandbox fixture. */
export interface GitAuthor {
  name: string;
  email: string;
}

/**
 * Runs the real git CLI in `cwd` as a developer would (fails when git is
 * missing): no system or user config (HOME is `cwd`), never a credential
 * prompt, commits by `author`.
 */
export function runGit(
  args: string[],
  cwd: string,
  author: GitAuthor,
): Promise<{ stdout: string; stderr: string }> {
  return exec('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    },
  });
}
