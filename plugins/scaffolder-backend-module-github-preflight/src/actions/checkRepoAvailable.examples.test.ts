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
import yaml from 'yaml';
import { createGithubRepoCheckAvailableAction } from './checkRepoAvailable';
import { examples } from './checkRepoAvailable.examples';

const worker = setupServer();
registerMswTestHooks(worker);

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [
        { host: 'github.com', token: 'integration-token' },
        {
          host: 'ghe.example.com',
          apiBaseUrl: 'https://ghe.example.com/api/v3',
          token: 'ghe-integration-token',
        },
      ],
    },
  }),
);

function stepInput(index: number) {
  return yaml.parse(examples[index].example).steps[0].input;
}

describe('github:repo:checkAvailable examples', () => {
  const action = createGithubRepoCheckAvailableAction({
    integrations,
    retry: { attempts: 1 },
  });

  it(`${examples[0].description}`, async () => {
    worker.use(
      http.get('https://api.github.com/users/acme', () =>
        HttpResponse.json({
          login: 'acme',
          type: 'Organization',
          html_url: 'https://github.com/acme',
        }),
      ),
      http.get('https://api.github.com/repos/acme/orders-api', () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    const ctx = createMockActionContext({ input: stepInput(0) });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'repoHtmlUrl',
      'https://github.com/acme/orders-api',
    );

    // The same step refuses once the repository exists.
    worker.use(
      http.get('https://api.github.com/repos/acme/orders-api', () =>
        HttpResponse.json({
          full_name: 'acme/orders-api',
          html_url: 'https://github.com/acme/orders-api',
        }),
      ),
    );
    await expect(
      action.handler(createMockActionContext({ input: stepInput(0) })),
    ).rejects.toThrow(/already exists/);
  });

  it(`${examples[1].description}`, async () => {
    const authorizations: (string | null)[] = [];
    worker.use(
      http.get(
        'https://ghe.example.com/api/v3/users/platform',
        ({ request }) => {
          authorizations.push(request.headers.get('authorization'));
          return HttpResponse.json({
            login: 'platform',
            type: 'Organization',
            html_url: 'https://ghe.example.com/platform',
          });
        },
      ),
      http.get(
        'https://ghe.example.com/api/v3/repos/platform/orders-api',
        ({ request }) => {
          authorizations.push(request.headers.get('authorization'));
          return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
        },
      ),
    );
    // The example's `${{ secrets.USER_OAUTH_TOKEN }}` as the scaffolder renders it.
    const input = { ...stepInput(1), token: 'user-oauth-token' };
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);
    expect(authorizations).toEqual([
      'token user-oauth-token',
      'token user-oauth-token',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('ownerType', 'Organization');
  });
});
