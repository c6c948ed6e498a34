/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { GithubMultiOrgEntityProvider } from '@backstage/plugin-catalog-backend-module-github';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { startTestStandIn, TEST_TOKEN, TestStandIn } from './testing';

// Real HTTP and git processes; leave room on a loaded 2-core CI box.
jest.setTimeout(30_000);

describe('fault injection', () => {
  let gh: TestStandIn;

  beforeAll(async () => {
    gh = await startTestStandIn();
  });
  afterAll(async () => {
    await gh.cleanup();
  });
  afterEach(async () => {
    await fetch(`${gh.url}/_standin/faults`, { method: 'DELETE' });
  });

  const inject = (spec: object) =>
    fetch(`${gh.url}/_standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });

  it('answers the next N matching requests with a 5xx, then recovers', async () => {
    const added = await inject({ path: '/api/v3/user', count: 2, status: 503 });
    expect(added.status).toBe(201);
    expect((await gh.call('/api/v3/user')).status).toBe(503);
    const second = await gh.call('/api/v3/user');
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ message: 'Server Error' });
    expect((await gh.call('/api/v3/user')).status).toBe(200);
    // other paths were never affected
    expect(await (await fetch(`${gh.url}/_standin/faults`)).json()).toEqual([]);
  });

  it('matches path prefixes and methods', async () => {
    await inject({
      path: '/api/v3/repos/*',
      method: 'GET',
      count: 1,
      status: 500,
    });
    expect((await gh.call('/api/v3/user')).status).toBe(200);
    expect(
      (await gh.call('/api/v3/repos/launchpad-demo/payments-api')).status,
    ).toBe(500);
    expect(
      (await gh.call('/api/v3/repos/launchpad-demo/payments-api')).status,
    ).toBe(200);
  });

  it('answers a secondary rate limit with Retry-After, which Octokit retries', async () => {
    await inject({
      path: '/api/v3/orgs/launchpad-demo',
      kind: 'secondary-rate-limit',
      retryAfter: 1,
    });
    const raw = await gh.call('/api/v3/orgs/launchpad-demo');
    expect(raw.status).toBe(403);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect((await raw.json()).message).toMatch(/secondary rate limit/);

    // Same Octokit setup as Backstage's GitHub catalog module (throttling + retry)
    await inject({
      path: '/api/v3/orgs/launchpad-demo',
      kind: 'secondary-rate-limit',
      retryAfter: 1,
    });
    const onSecondaryRateLimit = jest.fn(() => true);
    const octokit = new (Octokit.plugin(throttling, retry))({
      baseUrl: `${gh.url}/api/v3`,
      auth: TEST_TOKEN,
      throttle: { onRateLimit: () => true, onSecondaryRateLimit },
    });
    const res = await octokit.request('GET /orgs/{org}', {
      org: 'launchpad-demo',
    });
    expect(res.data.login).toBe('launchpad-demo');
    expect(onSecondaryRateLimit).toHaveBeenCalledTimes(1);
    expect((onSecondaryRateLimit.mock.calls[0] as unknown[])[0]).toBe(1);
  });

  it('answers a primary rate limit with x-ratelimit-remaining 0 and a reset time', async () => {
    await inject({ path: '/api/graphql', kind: 'rate-limit', retryAfter: 30 });
    const res = await gh.call('/api/graphql', {
      method: 'POST',
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(
      Date.now() / 1000,
    );
  });

  it('can revoke-style 401 and drop connections', async () => {
    await inject({ path: '/api/v3/user', kind: 'bad-credentials' });
    const res = await gh.call('/api/v3/user');
    expect(res.status).toBe(401);
    expect((await res.json()).message).toBe('Bad credentials');
    await inject({ path: '/api/v3/user', kind: 'reset' });
    await expect(gh.call('/api/v3/user')).rejects.toThrow();
    expect((await gh.call('/api/v3/user')).status).toBe(200);
  });

  it('rejects an invalid fault with 400', async () => {
    const res = await inject({ path: 'no-slash', kind: 'explode' });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/path/);
  });

  it('a 5xx during org ingestion makes the Backstage provider fail without applying a mutation', async () => {
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
    const provider = GithubMultiOrgEntityProvider.fromConfig(config, {
      id: 'faulty',
      githubUrl: gh.url,
      orgs: ['launchpad-demo'],
      logger: mockServices.logger.mock(),
      schedule: 'manual',
    } as any);
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await provider.connect(connection);
    // @octokit/graphql has no retry: every attempt of this run fails
    await inject({ path: '/api/graphql', status: 502, count: 5 });
    await expect(provider.read()).rejects.toThrow();
    expect(connection.applyMutation).not.toHaveBeenCalled();

    const log = (await (
      await fetch(`${gh.url}/_standin/requests`)
    ).json()) as any[];
    expect(
      log.filter(r => r.path === '/api/graphql' && r.status === 502).length,
    ).toBeGreaterThan(0);
  });
});
