/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  authorizeAs,
  exchangeCode,
  startTestStandIn,
  TestStandIn,
} from '../testing';
import { expectSchema, responseValidator } from './__testUtils__/openapi';

// Each request runs a few git processes; leave room on a loaded 2-core box.
jest.setTimeout(30_000);

describe('REST v3 shapes follow GitHub OpenAPI', () => {
  let gh: TestStandIn;

  beforeAll(async () => {
    gh = await startTestStandIn();
  });
  afterAll(async () => {
    await gh.cleanup();
  });

  it('GET /user', async () => {
    const body = await expectSchema(
      await gh.call('/api/v3/user'),
      '/user',
      'get',
      200,
    );
    expect(body).toMatchObject({
      login: 'minji-park',
      type: 'User',
      node_id: 'MDQ6VXNlcjEwMDE=',
    });
  });

  it('GET /users/{username} for a user and for the organization', async () => {
    const user = await expectSchema(
      await gh.call('/api/v3/users/olivia-outside'),
      '/users/{username}',
      'get',
      200,
    );
    expect(user).toMatchObject({
      login: 'olivia-outside',
      type: 'User',
      name: 'Olivia Outside',
    });
    // publish:github detects org owners through this call
    const org = await expectSchema(
      await gh.call('/api/v3/users/launchpad-demo'),
      '/users/{username}',
      'get',
      200,
    );
    expect(org.type).toBe('Organization');
    const missing = await gh.call('/api/v3/users/nobody-here');
    await expectSchema(missing, '/users/{username}', 'get', 404);
  });

  it('GET /orgs/{org}, membership checks and teams', async () => {
    const org = await expectSchema(
      await gh.call('/api/v3/orgs/launchpad-demo'),
      '/orgs/{org}',
      'get',
      200,
    );
    expect(org).toMatchObject({
      login: 'launchpad-demo',
      type: 'Organization',
      public_repos: 0,
      total_private_repos: 2,
    });

    expect(
      (await gh.call('/api/v3/orgs/launchpad-demo/members/sora-choi')).status,
    ).toBe(204);
    expect(
      (await gh.call('/api/v3/orgs/launchpad-demo/members/olivia-outside'))
        .status,
    ).toBe(404);

    const m = await expectSchema(
      await gh.call('/api/v3/orgs/launchpad-demo/memberships/minji-park'),
      '/orgs/{org}/memberships/{username}',
      'get',
      200,
    );
    expect(m).toMatchObject({ role: 'admin', state: 'active' });
    expect(
      (await gh.call('/api/v3/orgs/launchpad-demo/memberships/olivia-outside'))
        .status,
    ).toBe(404);

    const members = await expectSchema(
      await gh.call('/api/v3/orgs/launchpad-demo/members?per_page=3'),
      '/orgs/{org}/members',
      'get',
      200,
    );
    expect(members.map((u: any) => u.login)).toEqual([
      'minji-park',
      'junho-lee',
      'sora-choi',
    ]);

    const team = await expectSchema(
      await gh.call('/api/v3/orgs/launchpad-demo/teams/platform-sre'),
      '/orgs/{org}/teams/{team_slug}',
      'get',
      200,
    );
    expect(team.parent.slug).toBe('platform');
    await expectSchema(
      await gh.call('/api/v3/orgs/launchpad-demo/teams'),
      '/orgs/{org}/teams',
      'get',
      200,
    );
  });

  it('POST /orgs/{org}/repos, GET /repos/{owner}/{repo} and 422 for a taken name', async () => {
    const create = () =>
      gh.call('/api/v3/orgs/launchpad-demo/repos', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'orders-api',
          description: 'Orders',
          visibility: 'internal',
          auto_init: true,
        }),
      });
    const created = await expectSchema(
      await create(),
      '/orgs/{org}/repos',
      'post',
      201,
    );
    expect(created).toMatchObject({
      full_name: 'launchpad-demo/orders-api',
      clone_url: `${gh.url}/launchpad-demo/orders-api.git`,
      html_url: `${gh.url}/launchpad-demo/orders-api`,
      default_branch: 'main',
      visibility: 'internal',
      private: true,
    });
    const got = await expectSchema(
      await gh.call('/api/v3/repos/launchpad-demo/orders-api'),
      '/repos/{owner}/{repo}',
      'get',
      200,
    );
    expect(got.id).toBe(created.id);

    const again = await create();
    const err = await expectSchema(again, '/orgs/{org}/repos', 'post', 422);
    expect(err).toMatchObject({
      message: 'Repository creation failed.',
      errors: [
        {
          resource: 'Repository',
          code: 'custom',
          field: 'name',
          message: 'name already exists on this account',
        },
      ],
    });
  });

  it('contents as JSON (file and directory) and raw, with ETag revalidation', async () => {
    const file = await expectSchema(
      await gh.call(
        '/api/v3/repos/launchpad-demo/payments-api/contents/catalog-info.yaml?ref=main',
      ),
      '/repos/{owner}/{repo}/contents/{path}',
      'get',
      200,
    );
    expect(file).toMatchObject({
      type: 'file',
      encoding: 'base64',
      path: 'catalog-info.yaml',
    });
    const decoded = Buffer.from(file.content, 'base64').toString('utf8');
    expect(decoded).toContain('owner: group:default/payments');

    const dir = await expectSchema(
      await gh.call('/api/v3/repos/launchpad-demo/payments-api/contents/docs'),
      '/repos/{owner}/{repo}/contents/{path}',
      'get',
      200,
    );
    expect(dir.map((e: any) => e.path).sort()).toEqual([
      'docs/index.md',
      'docs/operations.md',
    ]);

    for (const accept of [
      'application/vnd.github.raw',
      'application/vnd.github.v3.raw',
    ]) {
      const raw = await gh.call(
        '/api/v3/repos/launchpad-demo/payments-api/contents/mkdocs.yml',
        {
          headers: { accept },
        },
      );
      expect(raw.status).toBe(200);
      expect(await raw.text()).toContain('site_name: payments-api');
      const etag = raw.headers.get('etag')!;
      expect(raw.headers.get('last-modified')).toBeTruthy();
      const revalidated = await gh.call(
        '/api/v3/repos/launchpad-demo/payments-api/contents/mkdocs.yml',
        {
          headers: { accept, 'if-none-match': etag },
        },
      );
      expect(revalidated.status).toBe(304);
    }

    const missing = await gh.call(
      '/api/v3/repos/launchpad-demo/payments-api/contents/nope.yaml',
    );
    await expectSchema(
      missing,
      '/repos/{owner}/{repo}/contents/{path}',
      'get',
      404,
    );
    const badRef = await gh.call(
      '/api/v3/repos/launchpad-demo/payments-api/contents/mkdocs.yml?ref=no-such-branch',
    );
    expect(badRef.status).toBe(404);
  });

  it('combined status, creating a status, branches and branch protection', async () => {
    const combined = await expectSchema(
      await gh.call(
        '/api/v3/repos/launchpad-demo/payments-api/commits/main/status?per_page=0',
      ),
      '/repos/{owner}/{repo}/commits/{ref}/status',
      'get',
      200,
    );
    expect(combined.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(combined.repository.archive_url).toBe(
      `${gh.url}/api/v3/repos/launchpad-demo/payments-api/{archive_format}{/ref}`,
    );

    const status = await expectSchema(
      await gh.call(
        `/api/v3/repos/launchpad-demo/payments-api/statuses/${combined.sha}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            state: 'success',
            context: 'ci/build',
            target_url: 'http://localhost/ci/1',
          }),
        },
      ),
      '/repos/{owner}/{repo}/statuses/{sha}',
      'post',
      201,
    );
    expect(status.creator.login).toBe('minji-park');
    const after = await (
      await gh.call(
        '/api/v3/repos/launchpad-demo/payments-api/commits/main/status',
      )
    ).json();
    expect(after).toMatchObject({ state: 'success', total_count: 1 });

    const badState = await gh.call(
      `/api/v3/repos/launchpad-demo/payments-api/statuses/${combined.sha}`,
      {
        method: 'POST',
        body: JSON.stringify({ state: 'great' }),
      },
    );
    expect(badState.status).toBe(422);

    await expectSchema(
      await gh.call('/api/v3/repos/launchpad-demo/payments-api/branches/main'),
      '/repos/{owner}/{repo}/branches/{branch}',
      'get',
      200,
    );
    const protection = await expectSchema(
      await gh.call(
        '/api/v3/repos/launchpad-demo/payments-api/branches/main/protection',
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            required_status_checks: { strict: true, contexts: ['ci/build'] },
            enforce_admins: true,
            required_pull_request_reviews: {
              required_approving_review_count: 1,
              require_code_owner_reviews: true,
            },
            restrictions: null,
            required_conversation_resolution: true,
          }),
        },
      ),
      '/repos/{owner}/{repo}/branches/{branch}/protection',
      'put',
      200,
    );
    expect(protection.required_status_checks.contexts).toEqual(['ci/build']);
    const read = await gh.call(
      '/api/v3/repos/launchpad-demo/payments-api/branches/main/protection',
    );
    expect((await read.json()).enforce_admins.enabled).toBe(true);

    const missingBranch = await gh.call(
      '/api/v3/repos/launchpad-demo/payments-api/branches/nope/protection',
      {
        method: 'PUT',
        body: JSON.stringify({
          required_status_checks: null,
          enforce_admins: null,
          required_pull_request_reviews: null,
          restrictions: null,
        }),
      },
    );
    expect(missingBranch.status).toBe(404);
    expect((await missingBranch.json()).message).toBe('Branch not found');
  });

  it('answers 401 without or with a bad token, and hides private repos from non-members', async () => {
    const none = await gh.call('/api/v3/user', { token: null });
    await expectSchema(none, '/user', 'get', 401);
    const bad = await gh.call('/api/v3/repos/launchpad-demo/payments-api', {
      token: 'nope',
    });
    expect(bad.status).toBe(401);
    expect((await bad.json()).message).toBe('Bad credentials');

    const code = (
      await authorizeAs(gh.url, 'olivia-outside', { scope: 'repo' })
    ).searchParams.get('code')!;
    const { access_token: outsider } = await exchangeCode(gh.url, code);
    expect((await gh.call('/api/v3/user', { token: outsider })).status).toBe(
      200,
    );
    expect(
      (
        await gh.call('/api/v3/repos/launchpad-demo/payments-api', {
          token: outsider,
        })
      ).status,
    ).toBe(404);
    const create = await gh.call('/api/v3/orgs/launchpad-demo/repos', {
      token: outsider,
      method: 'POST',
      body: JSON.stringify({ name: 'sneaky' }),
    });
    expect(create.status).toBe(404);
  });

  it('the schema check itself rejects bodies that differ from GitHub (guards the other tests)', () => {
    const validate = responseValidator('/user', 'get', 200);
    expect(validate({ login: 'x', id: 1 })).toBe(false);
    const repo = responseValidator('/repos/{owner}/{repo}', 'get', 200);
    expect(repo({ id: 'not-a-number', name: 'x' })).toBe(false);
  });
});
