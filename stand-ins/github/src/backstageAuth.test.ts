/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import githubAuthModule from '@backstage/plugin-auth-backend-module-github-provider';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CALLBACK_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  startTestStandIn,
  TestStandIn,
} from './testing';
import { authorizeForm, requestCookies } from '@internal/test-support';

// A real backend with the auth plugin and the GitHub provider module.
jest.setTimeout(60_000);

/**
 * The portal's sign-in path against the stand-in, in-process: Backstage's
 * GitHub provider with `enterpriseInstanceUrl` pointing at the stand-in and
 * the `userIdMatchingUserEntityAnnotation` resolver.
 */
describe('Backstage GitHub sign-in against the stand-in', () => {
  let gh: TestStandIn;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let backendUrl: string;

  beforeAll(async () => {
    gh = await startTestStandIn();
    backend = await startTestBackend({
      features: [
        authPlugin,
        githubAuthModule,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: {
                name: 'sora-choi',
                annotations: { 'github.com/user-id': 'MDQ6VXNlcjEwMDM=' },
              },
              spec: { memberOf: ['payments'] },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              environment: 'development',
              providers: {
                github: {
                  development: {
                    clientId: CLIENT_ID,
                    clientSecret: CLIENT_SECRET,
                    enterpriseInstanceUrl: gh.url,
                    // the backend's real callback; the test server listens elsewhere
                    callbackUrl: CALLBACK_URL,
                    signIn: {
                      resolvers: [
                        { resolver: 'userIdMatchingUserEntityAnnotation' },
                      ],
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    backendUrl = `http://localhost:${backend.server.port()}`;
  });

  afterAll(async () => {
    await backend?.stop();
    await gh?.cleanup();
  });

  /** Plays the browser: start -> stand-in page -> pick user -> callback frame. */
  async function signInAs(login: string) {
    const start = await fetch(
      `${backendUrl}/api/auth/github/start?env=development`,
      { redirect: 'manual' },
    );
    expect(start.status).toBe(302);
    const cookies = requestCookies(start);
    const authorizeUrl = new URL(start.headers.get('location')!);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(
      `${gh.url}/login/oauth/authorize`,
    );
    expect(authorizeUrl.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(CALLBACK_URL);

    const page = await fetch(authorizeUrl, { redirect: 'manual' });
    const html = await page.text();
    expect(html).toContain(`data-login="${login}"`);
    const form = authorizeForm(html, login);
    const decided = await fetch(`${gh.url}/login/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const back = new URL(decided.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe(
      authorizeUrl.searchParams.get('state'),
    );

    const frame = await fetch(`${backendUrl}${back.pathname}${back.search}`, {
      headers: { cookie: cookies },
      redirect: 'manual',
    });
    const body = await frame.text();
    const encoded = /decodeURIComponent\('([^']*)'\)/.exec(body)![1];
    return JSON.parse(decodeURIComponent(encoded));
  }

  it('signs in an org member whose node_id matches a catalog User', async () => {
    const response = await signInAs('sora-choi');
    expect(response.type).toBe('authorization_response');
    expect(response.response.profile).toMatchObject({
      displayName: 'Sora Choi',
      picture: `${gh.url}/avatars/sora-choi`,
    });
    expect(response.response.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/sora-choi',
    );
    expect(response.response.providerInfo.accessToken).toMatch(/^gho_/);
  });

  it('refuses an account without a catalog User (the non-member)', async () => {
    const response = await signInAs('olivia-outside');
    expect(response.type).toBe('authorization_response');
    expect(response.error).toBeDefined();
    // the resolver found no User with her node_id: Backstage's declarative resolver message
    expect(response.error.message).toMatch(
      /^Failed to sign-in, unable to resolve user identity/,
    );
    expect(response.response).toBeUndefined();
  });
});
