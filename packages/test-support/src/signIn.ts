/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { requestCookies } from './http';
import { eventually } from './eventually';

/** What the auth backend's callback frame posts to the app window. */
export interface AuthorizationResponse {
  type: 'authorization_response';
  response?: {
    profile: { displayName?: string; email?: string; picture?: string };
    providerInfo: { accessToken: string; scope: string };
    backstageIdentity: {
      token: string;
      identity: { userEntityRef: string; ownershipEntityRefs: string[] };
    };
  };
  error?: { name: string; message: string };
}

export interface SignedInUser {
  /** The Backstage token, for `authorization: Bearer ...` */
  token: string;
  userEntityRef: string;
  ownershipEntityRefs: string[];
  /** GET/POST a backend API path as this user. */
  fetch(pathname: string, init?: RequestInit): Promise<Response>;
}

function decodeHtml(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The form the GitHub stand-in's authorize page submits when `login` is
 * picked: its hidden inputs (client_id, redirect_uri, state, scope) and the
 * login. Throws when the page offers no such user.
 */
export function authorizeForm(html: string, login: string): URLSearchParams {
  if (!html.includes(`data-login="${login}"`)) {
    throw new Error(`the GitHub stand-in does not offer the user ${login}`);
  }
  const form = new URLSearchParams();
  for (const m of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
  )) {
    form.set(m[1], decodeHtml(m[2]));
  }
  form.set('login', login);
  return form;
}

/**
 * Plays the browser's part of "Sign in with GitHub" over plain HTTP against
 * the portal and the GitHub stand-in: the auth backend's start redirect, the
 * stand-in's pick-a-user page, and the callback frame. Returns what the
 * callback frame would post to the app (a session or an error).
 */
export async function githubAuthorization(
  baseUrl: string,
  login: string,
): Promise<AuthorizationResponse> {
  const start = await fetch(
    `${baseUrl}/api/auth/github/start?env=development&scope=read:user`,
    { redirect: 'manual' },
  );
  if (start.status !== 302) {
    throw new Error(
      `auth start answered ${start.status}: ${await start.text()}`,
    );
  }
  const cookies = requestCookies(start);
  const authorizeUrl = new URL(start.headers.get('location')!);

  const picker = await fetch(authorizeUrl, { redirect: 'manual' });
  const form = authorizeForm(await picker.text(), login);
  const decided = await fetch(
    `${authorizeUrl.origin}${authorizeUrl.pathname}`,
    {
      method: 'POST',
      body: form,
      redirect: 'manual',
    },
  );
  const location = decided.headers.get('location');
  if (decided.status !== 302 || !location) {
    throw new Error(
      `the GitHub stand-in did not redirect back after choosing ${login} (${
        decided.status
      }): ${(await decided.text()).slice(0, 300)}`,
    );
  }
  const back = new URL(location);
  const frame = await fetch(`${baseUrl}${back.pathname}${back.search}`, {
    headers: { cookie: cookies },
    redirect: 'manual',
  });
  const body = await frame.text();
  const encoded = /decodeURIComponent\('([^']*)'\)/.exec(body)?.[1];
  if (!encoded) {
    throw new Error(
      `unexpected callback frame (${frame.status}): ${body.slice(0, 300)}`,
    );
  }
  return JSON.parse(decodeURIComponent(encoded));
}

/**
 * Signs in as a GitHub stand-in user through the portal's real GitHub
 * provider and returns their Backstage token. Throws with the portal's own
 * message when the sign-in is refused.
 */
export async function signInViaGitHub(
  baseUrl: string,
  login: string,
): Promise<SignedInUser> {
  const result = await githubAuthorization(baseUrl, login);
  if (!result.response) {
    throw new Error(`sign-in as ${login} refused: ${result.error?.message}`);
  }
  const { token, identity } = result.response.backstageIdentity;
  return {
    token,
    userEntityRef: identity.userEntityRef,
    ownershipEntityRefs: identity.ownershipEntityRefs,
    fetch(pathname, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(`${baseUrl}${pathname}`, { ...init, headers });
    },
  };
}

/**
 * Signs in as `login` once the catalog knows them as a member of `group`
 * (an entity ref such as `group:default/payments`): right after start-up the
 * organization may not be ingested yet, so this retries for up to
 * `timeoutMs`.
 */
export function signInAsMemberOf(
  baseUrl: string,
  login: string,
  group: string,
  timeoutMs = 120_000,
): Promise<SignedInUser> {
  return eventually(
    `${login} signed in as a member of ${group}`,
    async () => {
      const user = await signInViaGitHub(baseUrl, login);
      return user.ownershipEntityRefs.includes(group) ? user : undefined;
    },
    timeoutMs,
  );
}

/**
 * Revokes an OAuth token the way a user's "Revoke access" does, through
 * GitHub's "Delete an app token" API (`DELETE /applications/{client_id}/token`,
 * basic auth with the app's id and secret). `githubUrl` is the web URL; the
 * REST API is under `/api/v3`, as on GitHub Enterprise.
 */
export function revokeGitHubToken(
  githubUrl: string,
  app: { clientId: string; clientSecret: string },
  token: string,
): Promise<Response> {
  return fetch(`${githubUrl}/api/v3/applications/${app.clientId}/token`, {
    method: 'DELETE',
    headers: {
      authorization: `Basic ${Buffer.from(
        `${app.clientId}:${app.clientSecret}`,
      ).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ access_token: token }),
  });
}
