/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// The runs route against the real GitHub stand-in over loopback (no msw):
// a push to the default branch records a run, and the route reports it.

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createGitHubStandIn, GitHubStandIn } from '@internal/github-stand-in';
import { runGit } from '@internal/test-support';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { githubActionsPlugin } from './plugin';
import { component } from './__testUtils__/fixtures';

const TOKEN = 'stand-in-integration-token';

jest.setTimeout(60_000);

describe('against the GitHub stand-in', () => {
  let gh: GitHubStandIn;
  let dir: string;
  let sha: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gha-backend-'));
    gh = await createGitHubStandIn({
      port: 0,
      dataDir: path.join(dir, 'data'),
      integrationToken: TOKEN,
      actionsRunSeconds: 0,
    });
    const created = await fetch(`${gh.url}/api/v3/orgs/launchpad-demo/repos`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}` },
      body: JSON.stringify({ name: 'orders-api' }),
    });
    if (created.status !== 201) {
      throw new Error(`could not create the repository: ${created.status}`);
    }

    const work = path.join(dir, 'work');
    fs.mkdirSync(path.join(work, '.github/workflows'), { recursive: true });
    fs.writeFileSync(
      path.join(work, '.github/workflows/ci.yaml'),
      'name: ci\non:\n  push:\n    branches: [main]\njobs: {}\n',
    );
    const git = (...args: string[]) =>
      runGit(args, work, {
        name: 'Launchpad',
        email: 'launchpad@users.noreply.github.com',
      });
    const remote = new URL(`${gh.url}/launchpad-demo/orders-api.git`);
    remote.username = 'x-access-token';
    remote.password = TOKEN;
    await git('init', '--quiet', '--initial-branch=main');
    await git('add', '-A');
    await git(
      'commit',
      '--quiet',
      '-m',
      'Initial commit from the Launchpad portal',
    );
    await git('push', '--quiet', remote.toString(), 'main');
    sha = (await git('rev-parse', 'HEAD')).stdout.trim();
  });

  afterAll(async () => {
    await gh?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports the run of the repository's first push", async () => {
    const host = new URL(gh.url).host;
    const { server } = await startTestBackend({
      features: [
        githubActionsPlugin,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host, apiBaseUrl: `${gh.url}/api/v3`, token: TOKEN }],
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            component('orders-api', {
              'github.com/project-slug': 'launchpad-demo/orders-api',
              'backstage.io/managed-by-location': `url:${gh.url}/launchpad-demo/orders-api/blob/main/catalog-info.yaml`,
            }),
          ],
        }),
      ],
    });

    const res = await request(server)
      .get('/api/github-actions/entities/default/component/orders-api/runs')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.repository).toEqual({
      slug: 'launchpad-demo/orders-api',
      url: `${gh.url}/launchpad-demo/orders-api`,
      defaultBranch: 'main',
      actionsUrl: `${gh.url}/launchpad-demo/orders-api/actions`,
    });
    expect(res.body.runs).toEqual([
      expect.objectContaining({
        workflowName: 'ci',
        runNumber: 1,
        event: 'push',
        status: 'completed',
        conclusion: 'success',
        branch: 'main',
        title: 'Initial commit from the Launchpad portal',
        commit: {
          sha,
          message: 'Initial commit from the Launchpad portal',
          url: `${gh.url}/launchpad-demo/orders-api/commit/${sha}`,
        },
        actor: 'minji-park',
      }),
    ]);
    expect(res.text).not.toContain(TOKEN);
  });
});
