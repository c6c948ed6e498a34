/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SANDBOX_PORTS } from 'sandbox';
import { repoRoot, runGit } from '@internal/test-support';
import { SandboxPortal } from '../support/sandboxPortal';

/** The GitHub stand-in's integration token (config/github.sandbox.yaml). */
export const STANDIN_TOKEN = 'sandbox-github-token';

/**
 * A Template only the `sre` audience may read, naming a repository: for a
 * user outside the audience, the CI route must refuse it.
 */
export function writeAudienceTemplate(dir: string): string {
  const file = path.join(dir, 'sre-runbook.yaml');
  fs.writeFileSync(
    file,
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: sre-runbook
  title: SRE runbook (SRE only)
  annotations:
    launchpad.dev/template-audience: sre
    github.com/project-slug: launchpad-demo/platform-gateway
    # The sandbox's GitHub (the stand-in at its usual port), not github.com.
    backstage.io/source-location: url:http://localhost:${SANDBOX_PORTS.github}/launchpad-demo/platform-gateway/tree/main/
spec:
  owner: group:default/platform-sre
  type: runbook
  steps:
    - id: log
      action: debug:log
      input: { message: runbook }
`,
  );
  return file;
}

/** The sandbox's catalog locations plus `extra` Template files. */
export function catalogLocations(extra: string[]) {
  return [
    { type: 'file', target: path.join(repoRoot, 'catalog-info.yaml') },
    { type: 'file', target: path.join(repoRoot, 'examples/entities.yaml') },
    ...[path.join(repoRoot, 'templates/*/template.yaml'), ...extra].map(
      target => ({ type: 'file', target, rules: [{ allow: ['Template'] }] }),
    ),
  ];
}

/** The stand-in's REST API with the integration token. */
export async function githubApi(
  portal: SandboxPortal,
  pathname: string,
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `token ${STANDIN_TOKEN}`);
  return fetch(`${portal.githubUrl}/api/v3${pathname}`, { ...init, headers });
}

/**
 * Creates `launchpad-demo/<name>` on the GitHub stand-in and pushes one
 * commit with `files` to main, with the git CLI.
 */
export async function pushRepository(
  portal: SandboxPortal,
  name: string,
  files: Record<string, string>,
) {
  const created = await githubApi(portal, '/orgs/launchpad-demo/repos', {
    method: 'POST',
    body: JSON.stringify({ name, visibility: 'private' }),
  });
  if (created.status !== 201) {
    throw new Error(
      `creating ${name} answered ${created.status}: ${await created.text()}`,
    );
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-repo-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      fs.writeFileSync(path.join(work, file), text);
    }
    const git = (...args: string[]) =>
      runGit(args, work, {
        name: 'Sora Choi',
        email: 'sora.choi@launchpad.example',
      });
    const remote = new URL(`${portal.githubUrl}/launchpad-demo/${name}.git`);
    remote.username = 'x-access-token';
    remote.password = STANDIN_TOKEN;
    await git('init', '--quiet', '--initial-branch=main');
    await git('add', '-A');
    await git('commit', '--quiet', '-m', 'Add catalog-info.yaml');
    await git('push', '--quiet', remote.toString(), 'main');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Pushes one more commit to main of `launchpad-demo/<name>` (a clone, one
 * changed file), with the git CLI; returns the new commit's SHA.
 */
export async function pushCommit(
  portal: SandboxPortal,
  name: string,
  file: string,
  text: string,
  message: string,
) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-push-'));
  const git = (...args: string[]) =>
    runGit(args, work, {
      name: 'Minji Park',
      email: 'minji.park@launchpad.example',
    });
  try {
    const remote = new URL(`${portal.githubUrl}/launchpad-demo/${name}.git`);
    remote.username = 'x-access-token';
    remote.password = STANDIN_TOKEN;
    await git('clone', '--quiet', remote.toString(), '.');
    fs.writeFileSync(path.join(work, file), text);
    await git('commit', '--quiet', '-am', message);
    await git('push', '--quiet', 'origin', 'HEAD:main');
    return (await git('rev-parse', 'HEAD')).stdout.trim();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Whether the text node `text` inside `root` renders on one line (not cut mid-word). */
export async function rendersOnOneLine(
  page: Page,
  rootTestId: string,
  text: string,
) {
  return page.getByTestId(rootTestId).evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent?.trim() === wanted) {
        const range = document.createRange();
        range.selectNodeContents(node);
        return range.getClientRects().length === 1;
      }
    }
    throw new Error(`"${wanted}" is not on the page`);
  }, text);
}
