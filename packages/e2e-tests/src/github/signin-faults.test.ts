/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Browser } from 'playwright-core';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  launchBrowser,
  screenshotter,
  signInWithGitHub,
  eventually,
  AuthorizationResponse,
  githubAuthorization,
  revokeGitHubToken,
} from '@internal/test-support';

// GitHub sign-in when things go wrong, through the real portal against the
// GitHub stand-in: denied consent, a callback that does not belong to this
// browser's sign-in (OAuth state), a failed code exchange, GitHub answering
// 401/5xx or a secondary rate limit while the portal reads the profile, and a
// GitHub token revoked after sign-in. Each ends with a message that says what
// happened and what to do, no session, and a backend that keeps running
// without error-level log lines. Plus the signed-in user's profile (GitHub
// name and avatar) and their teams as Groups, in the browser.
jest.setTimeout(240_000);

const CLIENT_ID = 'sandbox-github-client-id';
const CLIENT_SECRET = 'sandbox-github-client-secret';

/** A browser's cookie jar for one origin, enough for the auth cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      if (/max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(i + 1));
    }
  }
  has(name: string) {
    return this.cookies.has(name);
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function decodeHtml(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The auth backend's start redirect and the stand-in's consent page, answered. */
async function authorize(
  baseUrl: string,
  jar: CookieJar,
  decision: { login: string } | 'deny',
): Promise<URL> {
  const start = await fetch(
    `${baseUrl}/api/auth/github/start?env=development&scope=read:user`,
    {
      redirect: 'manual',
    },
  );
  expect(start.status).toBe(302);
  jar.take(start);
  const authorizeUrl = new URL(start.headers.get('location')!);
  const html = await (await fetch(authorizeUrl)).text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
  )) {
    form.set(m[1], decodeHtml(m[2]));
  }
  if (decision === 'deny') {
    expect(html).toContain('value="deny"');
    form.set('decision', 'deny');
  } else {
    form.set('login', decision.login);
  }
  const decided = await fetch(
    `${authorizeUrl.origin}${authorizeUrl.pathname}`,
    {
      method: 'POST',
      body: form,
      redirect: 'manual',
    },
  );
  expect(decided.status).toBe(302);
  return new URL(decided.headers.get('location')!);
}

/** Opens the callback (the sign-in window) and reads what it posts to the app. */
async function callback(baseUrl: string, jar: CookieJar, back: URL) {
  const frame = await fetch(`${baseUrl}${back.pathname}${back.search}`, {
    headers: { cookie: jar.header() },
    redirect: 'manual',
  });
  jar.take(frame);
  const body = await frame.text();
  const encoded = /decodeURIComponent\('([^']*)'\)/.exec(body)?.[1];
  if (!encoded) {
    throw new Error(
      `the sign-in window got no message for the app (${
        frame.status
      }): ${body.slice(0, 300)}`,
    );
  }
  return JSON.parse(decodeURIComponent(encoded)) as AuthorizationResponse;
}

describe('GitHub sign-in faults, through the portal', () => {
  let portal: SandboxPortal;
  let browser: Browser | undefined;
  const shoot = screenshotter('github-sign-in-faults');

  const fault = async (spec: Record<string, unknown>) => {
    const res = await fetch(`${portal.githubUrl}/_standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    expect(res.status).toBe(201);
  };
  const pendingFaults = async () =>
    (await (
      await fetch(`${portal.githubUrl}/_standin/faults`)
    ).json()) as unknown[];

  /** A refused sign-in: the message, no Backstage identity, no session cookie. */
  /** The refusal's message, after checking there is no session. */
  const refusal = (result: AuthorizationResponse, jar: CookieJar) => {
    expect(result.response).toBeUndefined();
    expect(jar.has('github-refresh-token')).toBe(false);
    return result.error?.message;
  };
  const refresh = (jar: CookieJar) =>
    fetch(`${portal.baseUrl}/api/auth/github/refresh?env=development`, {
      headers: { 'x-requested-with': 'XMLHttpRequest', cookie: jar.header() },
    });

  beforeAll(async () => {
    portal = await startSandboxPortal();
    await eventually('the org ingested', async () => {
      const res = await portal.api(
        '/api/catalog/entities/by-name/group/default/platform',
      );
      return res.status === 200 ? true : undefined;
    });
  });

  afterEach(async () => {
    await fetch(`${portal.githubUrl}/_standin/faults`, { method: 'DELETE' });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('says the sign-in was cancelled when consent is denied on GitHub', async () => {
    const jar = new CookieJar();
    const back = await authorize(portal.baseUrl, jar, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    const result = await callback(portal.baseUrl, jar, back);
    expect(refusal(result, jar)).toMatch(
      /^Sign-in was cancelled on GitHub, so you are not signed in to Launchpad\. Choose "Sign in" to try again/,
    );
    expect((await refresh(jar)).status).toBe(401);
  });

  it('refuses a callback whose OAuth state was tampered with', async () => {
    const jar = new CookieJar();
    const back = await authorize(portal.baseUrl, jar, { login: 'minji-park' });
    back.searchParams.set(
      'state',
      Buffer.from('env=development&nonce=forged').toString('hex'),
    );
    const result = await callback(portal.baseUrl, jar, back);
    expect(refusal(result, jar)).toMatch(
      /does not belong to a sign-in started in this browser \(OAuth state mismatch\)/,
    );
  });

  it('refuses a callback carried into another browser (state not matching its sign-in)', async () => {
    const victim = new CookieJar();
    const attacker = new CookieJar();
    // The attacker's own authorized callback, opened in a browser that
    // started its own sign-in (login CSRF).
    const attackersCallback = await authorize(portal.baseUrl, attacker, {
      login: 'minji-park',
    });
    await authorize(portal.baseUrl, victim, { login: 'junho-lee' });
    const result = await callback(portal.baseUrl, victim, attackersCallback);
    expect(refusal(result, victim)).toMatch(
      /\(OAuth state mismatch\), so you are not signed in/,
    );
    // And a state that is not even decodable
    attackersCallback.searchParams.set('state', 'not-hex');
    expect(
      refusal(
        await callback(portal.baseUrl, victim, attackersCallback),
        victim,
      ),
    ).toMatch(/OAuth state mismatch/);
  });

  it('explains a failed code exchange (GitHub 502) and a code used twice', async () => {
    await fault({
      path: '/login/oauth/access_token',
      method: 'POST',
      kind: 'status',
      status: 502,
    });
    const jar = new CookieJar();
    const back = await authorize(portal.baseUrl, jar, { login: 'minji-park' });
    expect(refusal(await callback(portal.baseUrl, jar, back), jar)).toMatch(
      /^GitHub did not complete the sign-in: exchanging the one-time sign-in code for a token failed \(GitHub said: Server Error\)\. Choose "Sign in" to try again/,
    );
    expect(await pendingFaults()).toEqual([]);

    // A code that has been redeemed once: GitHub answers bad_verification_code.
    const jar2 = new CookieJar();
    const back2 = await authorize(portal.baseUrl, jar2, {
      login: 'minji-park',
    });
    const first = await callback(portal.baseUrl, jar2, back2);
    expect(first.response?.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/minji-park',
    );
    const replay = new CookieJar();
    await authorize(portal.baseUrl, replay, 'deny'); // a fresh nonce cookie...
    const nonce = /github-nonce=([^;]+)/.exec(jar2.header()); // ...replaced by the original one
    expect(nonce).not.toBeNull();
    const replayed = await fetch(
      `${portal.baseUrl}${back2.pathname}${back2.search}`,
      {
        headers: { cookie: `github-nonce=${nonce![1]}` },
      },
    );
    const text = decodeURIComponent(
      /decodeURIComponent\('([^']*)'\)/.exec(await replayed.text())![1],
    );
    expect(JSON.parse(text).error.message).toMatch(
      /exchanging the one-time sign-in code for a token failed/,
    );
  });

  it.each([
    [
      'a 503',
      { kind: 'status', status: 503 },
      /^GitHub did not answer properly while Launchpad read your GitHub profile \(GitHub said: Server Error\)\. GitHub may be having problems; try again in a few minutes\.$/,
    ],
    [
      'a secondary rate limit with Retry-After',
      { kind: 'secondary-rate-limit', retryAfter: 30 },
      /^GitHub is limiting requests right now \(rate limit\), so Launchpad could not read your GitHub profile\. Wait a minute, then choose "Sign in" again\.$/,
    ],
    [
      'a 401 Bad credentials',
      { kind: 'bad-credentials' },
      /^GitHub refused the token it had just issued \(GitHub said: Bad credentials\)/,
    ],
  ])(
    'explains GitHub answering %s while the profile is read',
    async (_what, spec, message) => {
      await fault({ path: '/api/v3/user', method: 'GET', ...spec });
      const result = await githubAuthorization(portal.baseUrl, 'minji-park');
      expect(result.response).toBeUndefined();
      expect(result.error?.message).toMatch(message);
      expect(await pendingFaults()).toEqual([]);
      // The next attempt, with GitHub healthy again, signs in.
      const again = await githubAuthorization(portal.baseUrl, 'minji-park');
      expect(again.response?.backstageIdentity.identity.userEntityRef).toBe(
        'user:default/minji-park',
      );
    },
  );

  it('ends the session when the GitHub token is revoked, saying to sign in again', async () => {
    const jar = new CookieJar();
    const back = await authorize(portal.baseUrl, jar, { login: 'sora-choi' });
    const result = await callback(portal.baseUrl, jar, back);
    expect(result.response?.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/sora-choi',
    );
    expect(jar.has('github-refresh-token')).toBe(true);
    expect((await refresh(jar)).status).toBe(200);

    // The user revokes the portal's access on GitHub (the OAuth app API).
    const revoke = await revokeGitHubToken(
      portal.githubUrl,
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      result.response!.providerInfo.accessToken,
    );
    expect(revoke.status).toBe(204);

    const after = await refresh(jar);
    expect(after.status).toBe(401);
    const body = await after.json();
    expect(body.error.message).toMatch(
      /Your GitHub authorization is no longer valid \(it was revoked or has expired\)\. Sign in with GitHub again\./,
    );
    expect(JSON.stringify(body)).not.toContain(
      result.response!.providerInfo.accessToken,
    );
    expect(JSON.stringify(body)).not.toContain('backstageIdentity');
  });

  it('shows the cancellation on the sign-in page, in the browser', async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(portal.baseUrl, { waitUntil: 'domcontentloaded' });
    const signIn = page.getByRole('button', { name: /sign in/i }).first();
    await signIn.waitFor({ timeout: 60_000 });
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      signIn.click(),
    ]);
    await popup.waitForLoadState('domcontentloaded');
    await popup
      .getByRole('button', { name: /cancel \(deny access\)/i })
      .click();
    await page
      .getByText(
        /Sign-in was cancelled on GitHub, so you are not signed in to Launchpad/,
      )
      .first()
      .waitFor({ timeout: 30_000 });
    await shoot(page, 'consent-denied');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page
      .getByRole('button', { name: /sign in/i })
      .first()
      .waitFor({ timeout: 60_000 });
    await context.close();
  });

  it("shows the user's GitHub name and avatar in their profile, and their teams as Groups", async () => {
    browser ??= await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await signInWithGitHub(page, portal.baseUrl, 'junho-lee');
    await page
      .getByText('Getting started')
      .first()
      .waitFor({ timeout: 60_000 });

    await page.goto(`${portal.baseUrl}/settings`);
    await page.getByText('Junho Lee').first().waitFor({ timeout: 30_000 });
    const avatar = page.locator(`img[src$="/avatars/junho-lee"]`).first();
    await avatar.waitFor();
    const src = await avatar.getAttribute('src');
    expect(new URL(src!).port).toBe(new URL(portal.githubUrl).port);
    // The image really loaded (the backend's CSP allows the stand-in's avatars).
    expect(
      await avatar.evaluate(
        (img: HTMLImageElement) => img.complete && img.naturalWidth > 0,
      ),
    ).toBe(true);
    // The Backstage identity card lists the teams the user owns through.
    await page.getByRole('link', { name: 'Platform SRE' }).first().waitFor();
    await shoot(page, 'profile');

    // Their GitHub teams are their Groups: platform and platform-sre.
    const { body } = await portal.api(
      '/api/catalog/entities/by-name/user/default/junho-lee',
    );
    const memberOf = (
      body.relations as Array<{ type: string; targetRef: string }>
    )
      .filter(r => r.type === 'memberOf')
      .map(r => r.targetRef)
      .sort();
    expect(memberOf).toEqual([
      'group:default/platform',
      'group:default/platform-sre',
    ]);
    await page.goto(`${portal.baseUrl}/catalog/default/user/junho-lee`);
    for (const group of ['platform', 'platform-sre']) {
      await page
        .locator(`a[href$="/catalog/default/group/${group}"]`)
        .first()
        .waitFor({ timeout: 30_000 });
    }
    await shoot(page, 'user-groups');
    await context.close();
  });

  it('kept the backend up, with no error-level log lines', async () => {
    const ready = await fetch(
      `${portal.baseUrl}/.backstage/health/v1/readiness`,
    );
    expect(ready.status).toBe(200);
    expect(portal.backend.child.exitCode).toBeNull();
    expect(portal.backend.errorLines()).toEqual([]);
  });
});
