/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  authorizeAs,
  CALLBACK_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  exchangeCode,
  startTestStandIn,
  TestStandIn,
} from './testing';
import { revokeGitHubToken } from '@internal/test-support';

// Real HTTP and git processes; leave room on a loaded 2-core CI box.
jest.setTimeout(30_000);

// passport-github2 ships no types; it is the strategy Backstage's GitHub provider wraps.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Strategy: GithubStrategy } = require('passport-github2');

describe('OAuth web flow', () => {
  let gh: TestStandIn;

  beforeAll(async () => {
    gh = await startTestStandIn();
  });
  afterAll(async () => {
    await gh.cleanup();
  });

  it('renders a page with one button per fixture user and a deny button', async () => {
    const q = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: CALLBACK_URL,
      state: 'abc',
    });
    const res = await fetch(`${gh.url}/login/oauth/authorize?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    for (const u of gh.fixture.users) {
      expect(html).toContain(`data-login="${u.login}"`);
    }
    expect(html).toContain('data-action="deny"');
    expect(html).toContain('not in launchpad-demo'); // the non-member is marked
  });

  it('runs authorize -> code -> token -> /user end to end and keeps state', async () => {
    const state = 'nonce-123%2Fwith+chars';
    const back = await authorizeAs(gh.url, 'sora-choi', {
      state,
      scope: 'read:user,user:email',
    });
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK_URL);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code');
    expect(code).toMatch(/^[0-9a-f]{20}$/);

    // Default answer is form-encoded, like GitHub without an Accept header.
    const tokenRes = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        code: code!,
      }),
    });
    expect(tokenRes.headers.get('content-type')).toMatch(
      /application\/x-www-form-urlencoded/,
    );
    const form = new URLSearchParams(await tokenRes.text());
    const token = form.get('access_token')!;
    expect(token).toMatch(/^gho_[A-Za-z0-9]{36}$/);
    expect(form.get('token_type')).toBe('bearer');
    expect(form.get('scope')).toBe('read:user,user:email');

    const me = await gh.call('/api/v3/user', { token });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-oauth-scopes')).toBe('read:user, user:email');
    const body = await me.json();
    expect(body.login).toBe('sora-choi');
    expect(body.node_id).toBe(
      gh.fixture.users.find(u => u.login === 'sora-choi')!.nodeId,
    );

    const emails = await gh.call('/api/v3/user/emails', { token });
    expect(await emails.json()).toEqual([
      {
        email: 'sora.choi@launchpad.example',
        primary: true,
        verified: true,
        visibility: 'public',
      },
    ]);
  });

  it('refuses a code that was already used, a made-up code and wrong client credentials', async () => {
    const back = await authorizeAs(gh.url, 'junho-lee');
    const code = back.searchParams.get('code')!;
    const first = await exchangeCode(gh.url, code);
    expect(first.access_token).toBeDefined();

    const again = await exchangeCode(gh.url, code);
    expect(again).toEqual({
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
      error_uri: expect.stringContaining('bad-verification-code'),
    });
    expect((await exchangeCode(gh.url, 'deadbeefdeadbeefdead')).error).toBe(
      'bad_verification_code',
    );

    const other = (await authorizeAs(gh.url, 'junho-lee')).searchParams.get(
      'code',
    )!;
    expect((await exchangeCode(gh.url, other, 'wrong-secret')).error).toBe(
      'incorrect_client_credentials',
    );
  });

  it('redirects with error=access_denied and the state when the user denies', async () => {
    const form = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: CALLBACK_URL,
      state: 'keep-me',
      decision: 'deny',
    });
    const res = await fetch(`${gh.url}/login/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK_URL);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('keep-me');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('rejects an unknown client_id and a redirect_uri outside the registered callback', async () => {
    const unknown = await fetch(
      `${gh.url}/login/oauth/authorize?client_id=nope`,
      { redirect: 'manual' },
    );
    expect(unknown.status).toBe(404);

    const q = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: 'http://evil.example/cb',
      state: 's',
    });
    const res = await fetch(`${gh.url}/login/oauth/authorize?${q}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.host).toBe('localhost:7007');
    expect(back.searchParams.get('error')).toBe('redirect_uri_mismatch');
  });

  it('works with passport-github2, the strategy the Backstage GitHub provider uses', async () => {
    const strategy: any = new GithubStrategy(
      {
        clientID: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        callbackURL: CALLBACK_URL,
        // what the provider derives from enterpriseInstanceUrl
        authorizationURL: `${gh.url}/login/oauth/authorize`,
        tokenURL: `${gh.url}/login/oauth/access_token`,
        userProfileURL: `${gh.url}/api/v3/user`,
        scope: ['read:user'],
      } as any,
      () => {},
    );
    const code = (await authorizeAs(gh.url, 'minji-park')).searchParams.get(
      'code',
    )!;
    const accessToken: string = await new Promise((resolve, reject) =>
      strategy._oauth2.getOAuthAccessToken(
        code,
        { grant_type: 'authorization_code', redirect_uri: CALLBACK_URL },
        (err: any, token: string) => (err ? reject(err) : resolve(token)),
      ),
    );
    const profile: any = await new Promise((resolve, reject) =>
      strategy.userProfile(accessToken, (err: any, p: any) =>
        err ? reject(err) : resolve(p),
      ),
    );
    expect(profile.username).toBe('minji-park');
    expect(profile.nodeId).toBe('MDQ6VXNlcjEwMDE=');
    expect(profile.displayName).toBe('Minji Park');
    expect(profile.photos[0].value).toBe(`${gh.url}/avatars/minji-park`);
    expect(profile.emails[0].value).toBe('minji.park@launchpad.example');

    // The avatar is served by the stand-in itself (offline).
    const avatar = await fetch(profile.photos[0].value);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
    expect(await avatar.text()).toContain('<svg');
  });

  it('answers 401 Bad credentials for a made-up or revoked token', async () => {
    const bad = await gh.call('/api/v3/user', { token: 'gho_notarealtoken' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });

    const code = (await authorizeAs(gh.url, 'daniel-kang')).searchParams.get(
      'code',
    )!;
    const { access_token: token } = await exchangeCode(gh.url, code);
    expect((await gh.call('/api/v3/user', { token })).status).toBe(200);

    const revoke = await revokeGitHubToken(
      gh.url,
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      token,
    );
    expect(revoke.status).toBe(204);
    const after = await gh.call('/api/v3/user', { token });
    expect(after.status).toBe(401);
    expect((await after.json()).message).toBe('Bad credentials');
  });
});

describe('OAuth expiry', () => {
  let gh: TestStandIn;

  beforeAll(async () => {
    gh = await startTestStandIn({
      oauthTokenTtlSeconds: 1,
      oauthCodeTtlSeconds: 1,
    });
  });
  afterAll(async () => {
    await gh.cleanup();
  });

  it('expires codes and tokens after their lifetime', async () => {
    const stale = (await authorizeAs(gh.url, 'sora-choi')).searchParams.get(
      'code',
    )!;
    const fresh = (await authorizeAs(gh.url, 'sora-choi')).searchParams.get(
      'code',
    )!;
    const { access_token: token } = await exchangeCode(gh.url, fresh);
    expect((await gh.call('/api/v3/user', { token })).status).toBe(200);

    await new Promise(r => setTimeout(r, 1100));
    expect((await exchangeCode(gh.url, stale)).error).toBe(
      'bad_verification_code',
    );
    const expired = await gh.call('/api/v3/user', { token });
    expect(expired.status).toBe(401);
    expect((await expired.json()).message).toBe('Bad credentials');
  });
});
