/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runGit } from '@internal/test-support';
import {
  authorizeAs,
  exchangeCode,
  startTestStandIn,
  tempDir,
  TEST_TOKEN,
  TestStandIn,
} from './testing';

const exec = promisify(execFile);

// git processes on a 2-core CI box take a few seconds
jest.setTimeout(60_000);

const gitCli = (args: string[], cwd: string) =>
  runGit(args, cwd, {
    name: 'Sora Choi',
    email: 'sora.choi@launchpad.example',
  });

describe('git smart-HTTP, contents and tarballs', () => {
  let gh: TestStandIn;
  let work: string;

  beforeAll(async () => {
    gh = await startTestStandIn();
    work = tempDir('gh-standin-work-');
  });
  afterAll(async () => {
    await gh.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const authedUrl = (path: string) => {
    const u = new URL(`${gh.url}${path}`);
    u.username = 'x-access-token';
    u.password = TEST_TOKEN;
    return u.toString();
  };

  it('creates a repo through the API, pushes with the git CLI and with isomorphic-git, then serves contents and a tarball', async () => {
    const created = await gh.call('/api/v3/orgs/launchpad-demo/repos', {
      method: 'POST',
      body: JSON.stringify({ name: 'billing-worker', visibility: 'private' }),
    });
    expect(created.status).toBe(201);
    const { clone_url: cloneUrl } = await created.json();

    // An empty repository: no default branch ref in GraphQL, 404 for contents
    const empty = await gh.call(
      '/api/v3/repos/launchpad-demo/billing-worker/contents/README.md',
    );
    expect(empty.status).toBe(404);
    expect((await empty.json()).message).toBe('This repository is empty.');

    // git CLI: clone the empty repo, commit, push
    const cliDir = join(work, 'cli');
    const cloneWithToken = new URL(cloneUrl);
    cloneWithToken.username = 'x-access-token';
    cloneWithToken.password = TEST_TOKEN;
    await gitCli(['clone', '--quiet', cloneWithToken.toString(), cliDir], work);
    fs.writeFileSync(join(cliDir, 'README.md'), '# billing-worker\n');
    fs.mkdirSync(join(cliDir, 'src'));
    fs.writeFileSync(join(cliDir, 'src', 'main.py'), 'print("bill")\n');
    await gitCli(['checkout', '--quiet', '-b', 'main'], cliDir);
    await gitCli(['add', '-A'], cliDir);
    await gitCli(['commit', '--quiet', '-m', 'first'], cliDir);
    await gitCli(['push', '--quiet', 'origin', 'main'], cliDir);

    const raw = await gh.call(
      '/api/v3/repos/launchpad-demo/billing-worker/contents/src/main.py',
      {
        headers: { accept: 'application/vnd.github.raw' },
      },
    );
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe('print("bill")\n');

    // isomorphic-git (what publish:github uses): clone over HTTP, commit, push
    const isoDir = join(work, 'iso');
    const onAuth = () => ({ username: 'x-access-token', password: TEST_TOKEN });
    await git.clone({
      fs,
      http,
      dir: isoDir,
      url: cloneUrl,
      onAuth,
      singleBranch: true,
      ref: 'main',
    });
    expect(fs.readFileSync(join(isoDir, 'README.md'), 'utf8')).toBe(
      '# billing-worker\n',
    );
    fs.writeFileSync(
      join(isoDir, 'catalog-info.yaml'),
      'kind: Component\nmetadata:\n  name: billing-worker\n',
    );
    await git.add({ fs, dir: isoDir, filepath: 'catalog-info.yaml' });
    const sha = await git.commit({
      fs,
      dir: isoDir,
      message: 'add catalog-info',
      author: { name: 'Daniel Kang', email: 'daniel.kang@launchpad.example' },
    });
    const pushed = await git.push({
      fs,
      http,
      dir: isoDir,
      remote: 'origin',
      ref: 'main',
      onAuth,
    });
    expect(pushed.ok).toBe(true);

    const json = await gh.call(
      '/api/v3/repos/launchpad-demo/billing-worker/contents/catalog-info.yaml?ref=main',
    );
    const file = await json.json();
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toContain(
      'name: billing-worker',
    );

    const status = await (
      await gh.call(
        '/api/v3/repos/launchpad-demo/billing-worker/commits/main/status',
      )
    ).json();
    expect(status.sha).toBe(sha);

    // tarball: a real gzip tar with GitHub's <owner>-<repo>-<sha7>/ top folder
    const tar = await gh.call(
      `/api/v3/repos/launchpad-demo/billing-worker/tarball/${sha}`,
    );
    expect(tar.status).toBe(200);
    expect(tar.headers.get('content-type')).toBe('application/x-gzip');
    const tgz = join(work, 'repo.tgz');
    fs.writeFileSync(tgz, Buffer.from(await tar.arrayBuffer()));
    const { stdout } = await exec('tar', ['-tzf', tgz]);
    const prefix = `launchpad-demo-billing-worker-${sha.slice(0, 7)}/`;
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(
      [
        prefix,
        `${prefix}README.md`,
        `${prefix}catalog-info.yaml`,
        `${prefix}src/`,
        `${prefix}src/main.py`,
      ].sort(),
    );
  });

  it('refuses pushes and clones without valid credentials or membership', async () => {
    const dir = join(work, 'denied');
    // internal repo, no credentials: 401 -> git reports an auth failure
    await expect(
      gitCli(
        ['clone', '--quiet', `${gh.url}/launchpad-demo/payments-api.git`, dir],
        work,
      ),
    ).rejects.toThrow(
      /Authentication failed|could not read Username|terminal prompts disabled/,
    );
    await expect(
      gitCli(
        [
          'clone',
          '--quiet',
          authedUrl('/launchpad-demo/payments-api.git').replace(
            TEST_TOKEN,
            'bad-token',
          ),
          dir,
        ],
        work,
      ),
    ).rejects.toThrow(/Authentication failed|Invalid username or token/);

    const infoRefs = await fetch(
      `${gh.url}/launchpad-demo/payments-api.git/info/refs?service=git-receive-pack`,
      {
        headers: {
          authorization: `Basic ${Buffer.from('x-access-token:bad').toString(
            'base64',
          )}`,
        },
      },
    );
    expect(infoRefs.status).toBe(401);
    expect(infoRefs.headers.get('www-authenticate')).toBe(
      'Basic realm="GitHub"',
    );
    const missing = await fetch(
      authedUrl(
        '/launchpad-demo/nope.git/info/refs?service=git-upload-pack',
      ).replace(/\/\/.*@/, '//'),
      {
        headers: {
          authorization: `Basic ${Buffer.from(
            `x-access-token:${TEST_TOKEN}`,
          ).toString('base64')}`,
        },
      },
    );
    expect(missing.status).toBe(404);

    // a GitHub account outside the org cannot see, let alone push to, an internal repo
    const code = (
      await authorizeAs(gh.url, 'olivia-outside', { scope: 'repo' })
    ).searchParams.get('code')!;
    const { access_token: outsider } = await exchangeCode(gh.url, code);
    await expect(
      gitCli(
        [
          'ls-remote',
          authedUrl('/launchpad-demo/payments-api.git').replace(
            TEST_TOKEN,
            outsider,
          ),
        ],
        work,
      ),
    ).rejects.toThrow(/Repository not found|not found/);
    const push = await fetch(
      `${gh.url}/launchpad-demo/payments-api.git/info/refs?service=git-receive-pack`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(
            `x-access-token:${outsider}`,
          ).toString('base64')}`,
        },
      },
    );
    expect(push.status).toBe(404);
  });

  it('serves the real Backstage GithubUrlReader: readUrl, readTree (tarball) and search', async () => {
    const config = new ConfigReader({
      integrations: {
        github: [
          {
            host: new URL(gh.url).host,
            apiBaseUrl: `${gh.url}/api/v3`,
            rawBaseUrl: `${gh.url}/raw`,
            token: TEST_TOKEN,
          },
        ],
      },
    });
    const reader = UrlReaders.default({
      config,
      logger: mockServices.logger.mock(),
    });

    const file = await reader.readUrl(
      `${gh.url}/launchpad-demo/payments-api/blob/main/catalog-info.yaml`,
    );
    expect((await file.buffer()).toString('utf8')).toContain(
      'name: payments-api',
    );
    expect(file.etag).toBeTruthy();
    await expect(
      reader.readUrl(
        `${gh.url}/launchpad-demo/payments-api/blob/main/catalog-info.yaml`,
        { etag: file.etag },
      ),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });

    const tree = await reader.readTree(
      `${gh.url}/launchpad-demo/payments-api/tree/main/`,
    );
    const files = await tree.files();
    expect(files.map(f => f.path).sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
      'docs/operations.md',
      'main.py',
      'mkdocs.yml',
    ]);
    await expect(
      reader.readTree(`${gh.url}/launchpad-demo/payments-api/tree/main/`, {
        etag: tree.etag,
      }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });

    const sub = await reader.readTree(
      `${gh.url}/launchpad-demo/payments-api/tree/main/docs`,
    );
    expect((await sub.files()).map(f => f.path).sort()).toEqual([
      'index.md',
      'operations.md',
    ]);

    const found = await reader.search(
      `${gh.url}/launchpad-demo/payments-api/blob/main/docs/*.md`,
    );
    expect(found.files.map(f => f.url).sort()).toEqual([
      `${gh.url}/launchpad-demo/payments-api/blob/main/docs/index.md`,
      `${gh.url}/launchpad-demo/payments-api/blob/main/docs/operations.md`,
    ]);
    expect((await found.files[0].content()).toString('utf8')).toMatch(/^# /);

    await expect(
      reader.readUrl(
        `${gh.url}/launchpad-demo/payments-api/blob/main/missing.yaml`,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('runs the real publish:github action: org repo, push via isomorphic-git, topics, branch protection', async () => {
    const config = new ConfigReader({
      integrations: {
        github: [
          {
            host: new URL(gh.url).host,
            apiBaseUrl: `${gh.url}/api/v3`,
            token: TEST_TOKEN,
          },
        ],
      },
    });
    const action = createPublishGithubAction({
      integrations: ScmIntegrations.fromConfig(config),
      config,
    });
    const workspacePath = tempDir('gh-standin-scaffold-');
    fs.writeFileSync(join(workspacePath, 'README.md'), '# ledger-api\n');
    fs.writeFileSync(
      join(workspacePath, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger-api\nspec:\n  type: service\n  owner: payments\n  lifecycle: experimental\n',
    );
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        repoUrl: `${new URL(gh.url).host}?owner=launchpad-demo&repo=ledger-api`,
        description: 'Ledger API',
        repoVisibility: 'internal',
        defaultBranch: 'main',
        access: 'launchpad-demo/payments',
        topics: ['fastapi', 'Payments'],
        protectDefaultBranch: true,
        requiredStatusCheckContexts: ['ci/build'],
      } as any,
    });
    await action.handler(ctx as any);
    fs.rmSync(workspacePath, { recursive: true, force: true });

    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      `${gh.url}/launchpad-demo/ledger-api.git`,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      `${gh.url}/launchpad-demo/ledger-api/blob/main`,
    );
    const repo = await (
      await gh.call('/api/v3/repos/launchpad-demo/ledger-api')
    ).json();
    expect(repo).toMatchObject({
      visibility: 'internal',
      default_branch: 'main',
      topics: ['fastapi', 'payments'],
    });
    const raw = await gh.call(
      '/api/v3/repos/launchpad-demo/ledger-api/contents/catalog-info.yaml',
      {
        headers: { accept: 'application/vnd.github.raw' },
      },
    );
    expect(await raw.text()).toContain('name: ledger-api');
    const protection = await (
      await gh.call(
        '/api/v3/repos/launchpad-demo/ledger-api/branches/main/protection',
      )
    ).json();
    expect(protection.required_status_checks.contexts).toEqual(['ci/build']);
    expect(protection.enforce_admins.enabled).toBe(true);
    const team = await gh.call('/api/v3/orgs/launchpad-demo/teams/payments');
    expect((await team.json()).repos_count).toBe(1);
  });
});
