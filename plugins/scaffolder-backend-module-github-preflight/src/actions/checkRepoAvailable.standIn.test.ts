/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// github:repo:checkAvailable against the real GitHub stand-in over loopback
// (no msw): Octokit's requests, the integration's token, the stand-in's
// injected faults (a 502, a dropped connection) and the task's cancellation.

import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createGitHubStandIn, GitHubStandIn } from '@internal/github-stand-in';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGithubRepoCheckAvailableAction } from './checkRepoAvailable';

const TOKEN = 'stand-in-integration-token';
const ORG = 'launchpad-demo';

jest.setTimeout(60_000);

describe('github:repo:checkAvailable against the GitHub stand-in', () => {
  let gh: GitHubStandIn;
  let dir: string;
  let host: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
    gh = await createGitHubStandIn({
      port: 0,
      dataDir: path.join(dir, 'data'),
      integrationToken: TOKEN,
    });
    host = new URL(gh.url).host;
  });
  afterAll(async () => {
    await gh?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => gh.faults.clear());

  function run(
    repo: string,
    options: { signal?: AbortSignal; initialDelayMs?: number } = {},
  ) {
    const { signal, initialDelayMs = 10 } = options;
    const action = createGithubRepoCheckAvailableAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [{ host, apiBaseUrl: `${gh.url}/api/v3`, token: TOKEN }],
          },
        }),
      ),
      retry: { attempts: 3, initialDelayMs },
    });
    const ctx = {
      ...createMockActionContext({
        input: { repoUrl: `${host}?owner=${ORG}&repo=${repo}` },
      }),
      signal,
    };
    const warnings: string[] = [];
    jest.spyOn(ctx.logger, 'warn').mockImplementation((...args) => {
      warnings.push(String(args[0]));
    });
    return { promise: action.handler(ctx), ctx, warnings };
  }

  it('passes for a free name and refuses it once the repository exists', async () => {
    const { promise, ctx } = run('orders-api');
    await promise;
    expect(ctx.output).toHaveBeenCalledWith('owner', ORG);
    expect(ctx.output).toHaveBeenCalledWith('ownerType', 'Organization');
    expect(ctx.output).toHaveBeenCalledWith(
      'repoHtmlUrl',
      `${gh.url}/${ORG}/orders-api`,
    );

    const created = await fetch(`${gh.url}/api/v3/orgs/${ORG}/repos`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}` },
      body: JSON.stringify({ name: 'orders-api' }),
    });
    expect(created.status).toBe(201);
    await expect(run('orders-api').promise).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(`${ORG}/orders-api already exists`),
    });
  });

  it('retries a 502 and a dropped connection, then passes', async () => {
    gh.faults.add({ path: `/api/v3/users/${ORG}`, kind: 'status' });
    gh.faults.add({ path: `/api/v3/repos/${ORG}/*`, kind: 'reset' });
    const { promise, ctx, warnings } = run('billing-reports');
    await promise;
    expect(ctx.output).toHaveBeenCalledWith('ownerType', 'Organization');
    expect(warnings).toEqual([
      expect.stringMatching(/HTTP 502\); retrying \(attempt 2 of 3\)/),
      expect.stringMatching(/network error: .*; retrying \(attempt 2 of 3\)/),
    ]);
  });

  it('gives up after three 502s with the ServiceUnavailableError it always gave', async () => {
    gh.faults.add({ path: `/api/v3/users/${ORG}`, kind: 'status', count: 3 });
    await expect(run('billing-reports').promise).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /after 3 attempts: HTTP 502\. Nothing was created/,
      ),
    });
  });

  it('stops waiting when the task is cancelled during the backoff', async () => {
    gh.faults.add({ path: `/api/v3/users/${ORG}`, kind: 'status', count: 3 });
    const controller = new AbortController();
    // An hour between attempts: only a backoff that wakes on abort ends in time.
    const { promise, warnings } = run('billing-reports', {
      signal: controller.signal,
      initialDelayMs: 3_600_000,
    });
    while (warnings.length === 0) await new Promise(r => setTimeout(r, 10));
    const cancelledAt = Date.now();
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    expect(warnings).toEqual([expect.stringMatching(/HTTP 502\); retrying/)]);
    expect(gh.faults.list()[0].hits).toBe(1);
  });
});
