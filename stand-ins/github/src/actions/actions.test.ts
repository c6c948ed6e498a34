/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectSchema } from '../rest/__testUtils__/openapi';
import { startTestStandIn, tempDir, TEST_TOKEN, TestStandIn } from '../testing';
import { runState } from './routes';
import type { RunRecord } from './store';

const exec = promisify(execFile);

// git processes on a loaded 2-core box take a few seconds
jest.setTimeout(60_000);

const CI = `name: ci
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: python -m pytest -q
`;
const TECHDOCS = `name: techdocs
on:
  push:
    branches: [main]
    paths: [docs/**, mkdocs.yml]
jobs: {}
`;

const RUNS = '/repos/{owner}/{repo}/actions/runs';

describe('GitHub Actions runs', () => {
  let gh: TestStandIn;
  let dataDir: string;
  let work: string;

  async function gitCli(args: string[], message?: string) {
    return exec('git', message ? [...args, '-m', message] : args, {
      cwd: work,
      env: {
        PATH: process.env.PATH,
        HOME: work,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_TERMINAL_PROMPT: '0',
        GIT_AUTHOR_NAME: 'Sora Choi',
        GIT_AUTHOR_EMAIL: 'sora.choi@launchpad.example',
        GIT_COMMITTER_NAME: 'Sora Choi',
        GIT_COMMITTER_EMAIL: 'sora.choi@launchpad.example',
      },
    });
  }

  function write(path: string, text: string) {
    fs.mkdirSync(join(work, path, '..'), { recursive: true });
    fs.writeFileSync(join(work, path), text);
  }

  async function commitAndPush(message: string, branch = 'main') {
    await gitCli(['add', '-A']);
    await gitCli(['commit', '--quiet'], message);
    await gitCli(['push', '--quiet', 'origin', `HEAD:${branch}`]);
    return (await gitCli(['rev-parse', 'HEAD'])).stdout.trim();
  }

  const listRuns = async (query = '') => {
    const res = await gh.call(
      `/api/v3/repos/launchpad-demo/orders-api/actions/runs${query}`,
    );
    return expectSchema(res, RUNS, 'get', 200);
  };

  beforeAll(async () => {
    dataDir = tempDir();
    gh = await startTestStandIn({ dataDir, actionsRunSeconds: 0 });
    work = tempDir('gh-standin-actions-work-');
    const created = await gh.call('/api/v3/orgs/launchpad-demo/repos', {
      method: 'POST',
      body: JSON.stringify({ name: 'orders-api', visibility: 'private' }),
    });
    if (created.status !== 201) {
      throw new Error(`could not create the repository: ${created.status}`);
    }
    const url = new URL((await created.json()).clone_url);
    url.username = 'x-access-token';
    url.password = TEST_TOKEN;
    await gitCli(['init', '--quiet', '--initial-branch=main']);
    await gitCli(['remote', 'add', 'origin', url.toString()]);
  });

  afterAll(async () => {
    await gh.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('has no runs for a repository nothing was pushed to', async () => {
    expect(await listRuns()).toEqual({ total_count: 0, workflow_runs: [] });
  });

  it('records a run of each workflow the first push to main triggers', async () => {
    write('.github/workflows/ci.yaml', CI);
    write('.github/workflows/techdocs.yaml', TECHDOCS);
    write('app/main.py', 'print("orders")\n');
    write('docs/index.md', '# Orders\n');
    const sha = await commitAndPush('Initial commit from the Launchpad portal');

    const body = await listRuns();
    expect(body.total_count).toBe(2);
    expect(
      body.workflow_runs.map((r: any) => [r.name, r.path, r.run_number]).sort(),
    ).toEqual([
      ['ci', '.github/workflows/ci.yaml', 1],
      ['techdocs', '.github/workflows/techdocs.yaml', 1],
    ]);
    const ci = body.workflow_runs.find((r: any) => r.name === 'ci');
    expect(ci).toMatchObject({
      event: 'push',
      head_branch: 'main',
      head_sha: sha,
      display_title: 'Initial commit from the Launchpad portal',
      status: 'completed',
      conclusion: 'success',
      // the integration token acts as the fixture's integration user
      actor: { login: 'minji-park' },
      head_commit: {
        id: sha,
        message: 'Initial commit from the Launchpad portal',
        author: { name: 'Sora Choi', email: 'sora.choi@launchpad.example' },
      },
      repository: { full_name: 'launchpad-demo/orders-api' },
      html_url: `${gh.url}/launchpad-demo/orders-api/actions/runs/${ci.id}`,
    });

    const one = await gh.call(
      `/api/v3/repos/launchpad-demo/orders-api/actions/runs/${ci.id}`,
    );
    expect(await expectSchema(one, `${RUNS}/{run_id}`, 'get', 200)).toEqual(ci);
  });

  it('follows the path filter, [skip ci] and the branch filter on later pushes', async () => {
    write('app/main.py', 'print("orders v2")\n');
    const second = await commitAndPush('feat: v2');
    write('app/main.py', 'print("orders v3")\n');
    await commitAndPush('chore(deploy): orders v3 [skip ci]');
    write('app/main.py', 'print("orders v4")\n');
    await commitAndPush('wip', 'feature/x');

    const body = await listRuns();
    expect(
      body.workflow_runs.map((r: any) => [r.name, r.run_number, r.head_branch]),
    ).toEqual([
      ['ci', 2, 'main'],
      ['techdocs', 1, 'main'],
      ['ci', 1, 'main'],
    ]);
    expect(body.workflow_runs[0].head_sha).toBe(second);
  });

  it('filters by branch, status and head_sha, and pages with a Link header', async () => {
    expect((await listRuns('?branch=feature/x')).total_count).toBe(0);
    expect((await listRuns('?branch=main&status=success')).total_count).toBe(3);
    expect((await listRuns('?status=in_progress')).total_count).toBe(0);
    const { workflow_runs: all } = await listRuns();
    const bySha = await listRuns(`?head_sha=${all[0].head_sha}`);
    expect(bySha.workflow_runs.map((r: any) => r.id)).toEqual([all[0].id]);

    const res = await gh.call(
      '/api/v3/repos/launchpad-demo/orders-api/actions/runs?per_page=1&page=2',
    );
    const page = await expectSchema(res, RUNS, 'get', 200);
    expect(page.total_count).toBe(3);
    expect(page.workflow_runs.map((r: any) => r.id)).toEqual([all[1].id]);
    expect(res.headers.get('link')).toContain('rel="next"');
  });

  it('answers like GitHub without access', async () => {
    const anonymous = await gh.call(
      '/api/v3/repos/launchpad-demo/orders-api/actions/runs',
      { token: null },
    );
    expect(anonymous.status).toBe(401);
    const missing = await gh.call(
      '/api/v3/repos/launchpad-demo/no-such-repo/actions/runs',
    );
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toBe('Not Found');
    const noRun = await gh.call(
      '/api/v3/repos/launchpad-demo/orders-api/actions/runs/1',
    );
    expect(noRun.status).toBe(404);
  });

  it('records a failed run for a workflow file GitHub cannot read', async () => {
    write('.github/workflows/broken.yml', 'on: [push\n');
    await commitAndPush('ci: add a broken workflow');
    const [latest] = (await listRuns('?status=failure')).workflow_runs;
    expect(latest).toMatchObject({
      name: '.github/workflows/broken.yml',
      status: 'completed',
      conclusion: 'failure',
    });
  });

  it('fails a run that reads a variable or secret the repository did not have at the push', async () => {
    const DEPLOY = `name: deploy
on:
  push:
    branches: [main]
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ vars.ECR_ROLE }} \${{ secrets.APP_KEY }} \${{ secrets.GITHUB_TOKEN }}
`;
    write('.github/workflows/deploy.yaml', DEPLOY);
    await commitAndPush('ci: deploy before its settings exist');
    const deployRuns = async () =>
      (await listRuns('?per_page=100')).workflow_runs.filter(
        (r: any) => r.name === 'deploy',
      );
    expect((await deployRuns()).map((r: any) => r.conclusion)).toEqual([
      'failure',
    ]);

    const variable = await gh.call(
      '/api/v3/repos/launchpad-demo/orders-api/actions/variables',
      {
        method: 'POST',
        body: JSON.stringify({ name: 'ECR_ROLE', value: 'arn:role' }),
      },
    );
    expect(variable.status).toBe(201);
    write('app/main.py', 'print("orders v2")\n');
    await commitAndPush('fix: with the variable, still without the secret');
    expect((await deployRuns()).map((r: any) => r.conclusion)).toEqual([
      'failure',
      'failure',
    ]);
  });

  it('keeps the runs across a restart', async () => {
    const before = await listRuns();
    await gh.stop();
    gh = await startTestStandIn({ dataDir, actionsRunSeconds: 0 });
    expect((await listRuns()).workflow_runs.map((r: any) => r.id)).toEqual(
      before.workflow_runs.map((r: any) => r.id),
    );
  });
});

describe('runState', () => {
  const run = {
    createdAt: '2026-12-01T10:00:00.000Z',
    durationMs: 5000,
    conclusion: 'success',
  } as RunRecord;

  it('is in progress for the run’s duration, then completed', () => {
    expect(runState(run, new Date('2026-12-01T10:00:04.999Z'))).toEqual({
      status: 'in_progress',
      conclusion: null,
      updatedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(runState(run, new Date('2026-12-01T10:00:05.000Z'))).toEqual({
      status: 'completed',
      conclusion: 'success',
      updatedAt: '2026-12-01T10:00:05.000Z',
    });
  });
});
