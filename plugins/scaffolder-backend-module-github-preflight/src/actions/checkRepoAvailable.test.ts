/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGithubRepoCheckAvailableAction } from './checkRepoAvailable';

const worker = setupServer();
registerMswTestHooks(worker);
afterEach(() => worker.events.removeAllListeners());

const TOKEN = 'ghp_integration-token-never-logged';
const GHE_TOKEN = 'ghe-token-never-logged';
const API = 'https://api.github.com';
const GHE_API = 'https://ghe.example.test/api/v3';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.com', token: TOKEN },
        { host: 'ghe.example.test', apiBaseUrl: GHE_API, token: GHE_TOKEN },
      ],
    },
  }),
);

const notFound = () =>
  HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    },
    { status: 404 },
  );

function org(login: string, base = 'https://github.com') {
  return HttpResponse.json({
    login,
    id: 1,
    type: 'Organization',
    html_url: `${base}/${login}`,
  });
}

/** Records method, URL and authorization of every request msw sees. */
function recordRequests() {
  const seen: { method: string; url: string; authorization: string | null }[] =
    [];
  worker.events.on('request:start', ({ request }) => {
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
    });
  });
  return seen;
}

function run(
  input: { repoUrl: string; token?: string },
  options: { signal?: AbortSignal; initialDelayMs?: number } = {},
) {
  const action = createGithubRepoCheckAvailableAction({
    integrations,
    retry: { attempts: 3, initialDelayMs: options.initialDelayMs ?? 1 },
  });
  const messages: string[] = [];
  const ctx = { ...createMockActionContext({ input }), signal: options.signal };
  for (const level of ['info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(ctx.logger, level).mockImplementation((...args) => {
      messages.push(String(args[0]));
    });
  }
  return { promise: action.handler(ctx), ctx, messages };
}

describe('github:repo:checkAvailable', () => {
  it('passes when the organization exists and the repository does not, reading only', async () => {
    const seen = recordRequests();
    worker.use(
      http.get(`${API}/users/acme`, () => org('acme')),
      http.get(`${API}/repos/acme/orders-api`, notFound),
    );
    const { promise, ctx, messages } = run({
      repoUrl: 'github.com?owner=acme&repo=orders-api',
    });
    await promise;

    expect(ctx.output).toHaveBeenCalledWith('owner', 'acme');
    expect(ctx.output).toHaveBeenCalledWith('ownerType', 'Organization');
    expect(ctx.output).toHaveBeenCalledWith(
      'repoHtmlUrl',
      'https://github.com/acme/orders-api',
    );
    expect(seen.map(r => `${r.method} ${r.url}`)).toEqual([
      `GET ${API}/users/acme`,
      `GET ${API}/repos/acme/orders-api`,
    ]);
    expect(seen.every(r => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(messages.join('\n')).toMatch(/is available/);
    expect(messages.join('\n')).not.toContain(TOKEN);
  });

  it('refuses an existing repository with a ConflictError that names it and says nothing was created', async () => {
    worker.use(
      http.get(`${API}/users/acme`, () => org('acme')),
      http.get(`${API}/repos/acme/orders-api`, () =>
        HttpResponse.json({
          full_name: 'acme/orders-api',
          html_url: 'https://github.com/acme/orders-api',
        }),
      ),
    );
    const { promise, ctx } = run({
      repoUrl: 'github.com?owner=acme&repo=orders-api',
    });
    await expect(promise).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /acme\/orders-api already exists on GitHub host github\.com \(https:\/\/github\.com\/acme\/orders-api\)\. Nothing was created\. Choose another repository name/,
      ),
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('treats a different-case name of an existing repository as taken (GitHub names are case-insensitive)', async () => {
    worker.use(
      http.get(`${API}/users/acme`, () => org('acme')),
      http.get(`${API}/repos/acme/Orders-API`, () =>
        HttpResponse.json({
          full_name: 'acme/orders-api',
          html_url: 'https://github.com/acme/orders-api',
        }),
      ),
    );
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=Orders-API' }).promise,
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('accepts the old name of a renamed repository (GitHub redirects it, the name is free)', async () => {
    worker.use(
      http.get(`${API}/users/acme`, () => org('acme')),
      http.get(`${API}/repos/acme/old-name`, () =>
        HttpResponse.json({
          full_name: 'acme/new-name',
          html_url: 'https://github.com/acme/new-name',
        }),
      ),
    );
    const { promise, ctx, messages } = run({
      repoUrl: 'github.com?owner=acme&repo=old-name',
    });
    await promise;
    expect(ctx.output).toHaveBeenCalledWith(
      'repoHtmlUrl',
      'https://github.com/acme/old-name',
    );
    expect(messages.join('\n')).toMatch(/old name of acme\/new-name/);
  });

  it('refuses an unknown owner with an InputError and does not look for the repository', async () => {
    const seen = recordRequests();
    worker.use(http.get(`${API}/users/no-such-org`, notFound));
    await expect(
      run({ repoUrl: 'github.com?owner=no-such-org&repo=orders-api' }).promise,
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'The repository owner "no-such-org" does not exist on GitHub host github.com. Pick an existing organization (or user) in the repository location; nothing was created.',
    });
    expect(seen.map(r => r.url)).toEqual([`${API}/users/no-such-org`]);
  });

  it('uses the apiBaseUrl and credentials of a GitHub Enterprise integration', async () => {
    const seen = recordRequests();
    worker.use(
      http.get(`${GHE_API}/users/platform`, () =>
        org('platform', 'https://ghe.example.test'),
      ),
      http.get(`${GHE_API}/repos/platform/orders-api`, notFound),
    );
    const { promise, ctx } = run({
      repoUrl: 'ghe.example.test?owner=platform&repo=orders-api',
    });
    await promise;
    expect(seen.map(r => r.url)).toEqual([
      `${GHE_API}/users/platform`,
      `${GHE_API}/repos/platform/orders-api`,
    ]);
    expect(seen.every(r => r.authorization === `token ${GHE_TOKEN}`)).toBe(
      true,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'repoHtmlUrl',
      'https://ghe.example.test/platform/orders-api',
    );
  });

  it('prefers a token given as input over the integration credentials', async () => {
    const seen = recordRequests();
    worker.use(
      http.get(`${API}/users/acme`, () => org('acme')),
      http.get(`${API}/repos/acme/orders-api`, notFound),
    );
    await run({
      repoUrl: 'github.com?owner=acme&repo=orders-api',
      token: 'user-oauth-token',
    }).promise;
    expect(seen.map(r => r.authorization)).toEqual([
      'token user-oauth-token',
      'token user-oauth-token',
    ]);
  });

  it('refuses a host without a GitHub integration before any request', async () => {
    const seen = recordRequests();
    await expect(
      run({ repoUrl: 'gitlab.example.test?owner=acme&repo=orders-api' })
        .promise,
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(seen).toEqual([]);
  });

  it('refuses a repoUrl without owner or repository', async () => {
    await expect(
      run({ repoUrl: 'github.com?owner=acme' }).promise,
    ).rejects.toThrow(/repo/);
    await expect(
      run({ repoUrl: 'github.com?repo=orders-api' }).promise,
    ).rejects.toThrow(/owner/);
  });

  it('names the integration on bad credentials, without the token', async () => {
    worker.use(
      http.get(`${API}/users/acme`, () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    const error = await run({
      repoUrl: 'github.com?owner=acme&repo=orders-api',
    }).promise.catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toMatch(
      /Bad credentials.*integrations\.github for github\.com/,
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it('reports a rate limit as temporary and a plain 403 as missing access', async () => {
    worker.use(
      http.get(
        `${API}/users/acme`,
        () =>
          HttpResponse.json(
            { message: 'API rate limit exceeded' },
            { status: 403, headers: { 'x-ratelimit-remaining': '0' } },
          ),
        { once: true },
      ),
    );
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=orders-api' }).promise,
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /rate limit.*run the template again later/,
      ),
    });

    worker.use(
      http.get(`${API}/users/acme`, () => org('acme')),
      http.get(`${API}/repos/acme/orders-api`, () =>
        HttpResponse.json(
          { message: 'Resource not accessible by integration' },
          { status: 403 },
        ),
      ),
    );
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=orders-api' }).promise,
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(/Resource not accessible by integration/),
    });
  });

  it('retries server errors, then succeeds', async () => {
    const seen = recordRequests();
    worker.use(
      http.get(`${API}/users/acme`, () => org('acme')),
      http.get(
        `${API}/repos/acme/orders-api`,
        () => HttpResponse.json({ message: 'oops' }, { status: 502 }),
        { once: true },
      ),
      http.get(`${API}/repos/acme/orders-api`, notFound),
    );
    const { promise, messages } = run({
      repoUrl: 'github.com?owner=acme&repo=orders-api',
    });
    await promise;
    expect(seen.filter(r => r.url.endsWith('/orders-api'))).toHaveLength(2);
    expect(messages.join('\n')).toMatch(/HTTP 502.*retrying/);
  });

  it('gives up after the configured attempts on a GitHub outage', async () => {
    const seen = recordRequests();
    worker.use(
      http.get(`${API}/users/acme`, () =>
        HttpResponse.json({ message: 'down' }, { status: 503 }),
      ),
    );
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=orders-api' }).promise,
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /after 3 attempts: HTTP 503\. Nothing was created/,
      ),
    });
    expect(seen).toHaveLength(3);
  });

  it('reports a network error after retrying', async () => {
    worker.use(http.get(`${API}/users/acme`, () => HttpResponse.error()));
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=orders-api' }).promise,
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/network error/),
    });
  });

  it('stops at once when the task is cancelled while it waits to retry', async () => {
    const seen = recordRequests();
    const controller = new AbortController();
    worker.use(
      http.get(`${API}/users/acme`, () =>
        HttpResponse.json({ message: 'down' }, { status: 503 }),
      ),
    );
    const { promise, ctx, messages } = run(
      { repoUrl: 'github.com?owner=acme&repo=orders-api' },
      // An hour between attempts: only a backoff that wakes on abort ends in time.
      { signal: controller.signal, initialDelayMs: 3_600_000 },
    );
    // Cancel the task once the action waits to retry.
    while (!messages.some(m => /retrying/.test(m))) {
      await new Promise(r => setTimeout(r, 10));
    }
    const cancelledAt = Date.now();
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    expect(seen).toHaveLength(1);
    expect(messages.join('\n')).toMatch(
      /HTTP 503\); retrying \(attempt 2 of 3\)/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
