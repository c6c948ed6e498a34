/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '@internal/test-support';
import type { SandboxPortal } from '../support/sandboxPortal';

/** The GitHub stand-in's token in the sandbox configuration. */
const GITHUB_TOKEN = 'sandbox-github-token';

/**
 * Publishes a folder as a repository of `launchpad-demo` on the sandbox's
 * GitHub stand-in (created through the REST API, pushed with git, symbolic
 * links included) and registers its catalog-info.yaml, as a team would an
 * existing component. Resolves when the catalog has `entityName`.
 */
export async function registerGitHubRepository(
  portal: SandboxPortal,
  options: {
    name: string;
    /** The repository's files: copied from a folder, or written from text. */
    from: string | Record<string, string>;
    /** Symbolic links to commit: path in the repository -> link target. */
    links?: Record<string, string>;
    /** The Component that catalog-info.yaml declares. */
    entityName: string;
    /** The portal's PORTAL_API_WRITE_TOKEN: registering a location is a write. */
    writeToken: string;
  },
): Promise<void> {
  const github = portal.githubUrl.replace('127.0.0.1', 'localhost');
  const created = await fetch(`${github}/api/v3/orgs/launchpad-demo/repos`, {
    method: 'POST',
    headers: {
      authorization: `token ${GITHUB_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: options.name, private: false }),
  });
  if (created.status !== 201) {
    throw new Error(
      `creating ${options.name} on the GitHub stand-in: ${created.status}`,
    );
  }

  const repo = fs.mkdtempSync(path.join(os.tmpdir(), `${options.name}-`));
  try {
    if (typeof options.from === 'string') {
      fs.cpSync(options.from, repo, { recursive: true });
    } else {
      for (const [file, text] of Object.entries(options.from)) {
        fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        fs.writeFileSync(path.join(repo, file), text);
      }
    }
    for (const [link, target] of Object.entries(options.links ?? {})) {
      fs.mkdirSync(path.dirname(path.join(repo, link)), { recursive: true });
      fs.symlinkSync(target, path.join(repo, link));
    }
    const remote = new URL(`${github}/launchpad-demo/${options.name}.git`);
    remote.username = 'x-access-token';
    remote.password = GITHUB_TOKEN;
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '.'],
      [
        '-c',
        'user.name=Test',
        '-c',
        'user.email=test@launchpad.example',
        'commit',
        '-q',
        '-m',
        options.name,
      ],
      ['push', '-q', remote.toString(), 'main'],
    ]) {
      // Asynchronously: the GitHub stand-in answering the push runs in this process.
      await promisify(execFile)('git', args, { cwd: repo });
    }
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }

  const res = await fetch(`${portal.baseUrl}/api/catalog/locations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.writeToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      type: 'url',
      target: `${github}/launchpad-demo/${options.name}/blob/main/catalog-info.yaml`,
    }),
  });
  if (res.status !== 201) {
    throw new Error(
      `registering ${options.name}: ${res.status} ${await res.text()}`,
    );
  }
  await eventually(
    `the registered component ${options.entityName}`,
    async () => {
      const r = await portal.api(
        `/api/catalog/entities/by-name/component/default/${options.entityName}`,
      );
      return r.status === 200 ? true : undefined;
    },
  );
}
