/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPluginFetch } from './pluginFetch';

const server = setupServer();
registerMswTestHooks(server);

describe('createPluginFetch', () => {
  const pluginFetch = createPluginFetch({
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
  });
  const caller = mockCredentials.user('user:default/sora-choi');

  it("calls the plugin with a token on the caller's behalf", async () => {
    let authorization: string | null = null;
    server.use(
      http.get(
        'http://localhost:0/api/argocd/entities/default/Component/x/status',
        ({ request }) => {
          authorization = request.headers.get('authorization');
          return HttpResponse.json({ ok: true });
        },
      ),
    );
    await expect(
      pluginFetch('argocd', '/entities/default/Component/x/status', caller),
    ).resolves.toEqual({ ok: true });
    // mockServices.auth() issues on-behalf-of tokens that name the user and
    // the target plugin.
    expect(authorization).toContain('user:default/sora-choi');
    expect(authorization).toContain('argocd');
  });

  it("turns the plugin's error answer into its error", async () => {
    server.use(
      http.get('http://localhost:0/api/argocd/nope', () =>
        HttpResponse.json(
          {
            // Backstage's error body, as every backend plugin answers
            error: {
              name: 'NotAllowedError',
              message: 'You are not allowed to read x',
            },
            request: { method: 'GET', url: '/api/argocd/nope' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(pluginFetch('argocd', '/nope', caller)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: expect.objectContaining({ name: 'NotAllowedError' }),
    });
  });
});
