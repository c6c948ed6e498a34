/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit } from '@internal/test-support';
import { GITHUB_INTEGRATION_TOKEN } from 'sandbox';

/** What a developer does against the GitHub stand-in: REST calls and git pushes. */
export function githubClient(githubUrl: string) {
  const api = async (method: string, pathname: string, body?: object) => {
    const res = await fetch(`${githubUrl}/api/v3${pathname}`, {
      method,
      headers: {
        authorization: `token ${GITHUB_INTEGRATION_TOKEN}`,
        'content-type': 'application/json',
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  const git = (args: string[], cwd: string) =>
    runGit(args, cwd, {
      name: 'Minji Park',
      email: 'minji.park@launchpad.example',
    });

  return {
    api,
    /** Names of the organization's repositories. */
    async repoNames(org: string): Promise<string[]> {
      const names: string[] = [];
      for (let page = 1; ; page++) {
        const { status, body } = await api(
          'GET',
          `/orgs/${org}/repos?per_page=100&page=${page}`,
        );
        if (status !== 200) throw new Error(`listing repositories: ${status}`);
        names.push(...(body as Array<{ name: string }>).map(r => r.name));
        if (body.length < 100) return names.sort();
      }
    },
    /**
     * Clones `owner/repo`, lets `edit` change the working tree, commits
     * everything and pushes to main (creating it in an empty repository).
     */
    async push(
      owner: string,
      repo: string,
      message: string,
      edit: (dir: string) => void,
    ) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-git-'));
      try {
        const remote = new URL(`${githubUrl}/${owner}/${repo}.git`);
        remote.username = 'x-access-token';
        remote.password = GITHUB_INTEGRATION_TOKEN;
        const dir = path.join(work, repo);
        await git(['clone', '--quiet', remote.toString(), dir], work);
        await git(['symbolic-ref', 'HEAD', 'refs/heads/main'], dir);
        edit(dir);
        await git(['add', '-A'], dir);
        await git(['commit', '--quiet', '-m', message], dir);
        await git(['push', '--quiet', 'origin', 'HEAD:main'], dir);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  };
}
