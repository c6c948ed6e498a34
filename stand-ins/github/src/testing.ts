/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { authorizeForm } from '@internal/test-support';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGitHubStandIn,
  GitHubStandIn,
  GitHubStandInOptions,
} from './server';

export const TEST_TOKEN = 'test-integration-token';
export const CLIENT_ID = 'sandbox-github-client-id';
export const CLIENT_SECRET = 'sandbox-github-client-secret';
export const CALLBACK_URL =
  'http://localhost:7007/api/auth/github/handler/frame';

/** Test-only helpers; not exported from the package index. */
export function tempDir(prefix = 'gh-standin-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestStandIn extends GitHubStandIn {
  dataDir: string;
  api: string;
  /** fetch against the stand-in with the integration token unless `token: null`. */
  call(
    path: string,
    init?: RequestInit & { token?: string | null },
  ): Promise<Response>;
  cleanup(): Promise<void>;
}

/** Starts a stand-in on a free loopback port with a fresh data directory. */
export async function startTestStandIn(
  options: Partial<GitHubStandInOptions> = {},
): Promise<TestStandIn> {
  const dataDir = options.dataDir ?? tempDir();
  const standIn = await createGitHubStandIn({
    port: 0,
    integrationToken: TEST_TOKEN,
    ...options,
    dataDir,
  });
  const call = (
    path: string,
    init: RequestInit & { token?: string | null } = {},
  ) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    const t = token === undefined ? TEST_TOKEN : token;
    if (t !== null && !headers.has('authorization'))
      headers.set('authorization', `token ${t}`);
    return fetch(`${standIn.url}${path}`, {
      ...rest,
      headers,
      redirect: 'manual',
    });
  };
  return {
    ...standIn,
    dataDir,
    api: `${standIn.url}/api/v3`,
    call,
    cleanup: async () => {
      await standIn.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the OAuth web flow the way a browser would; returns the redirect URL. */
export async function authorizeAs(
  url: string,
  login: string,
  params: {
    state?: string;
    scope?: string;
    redirectUri?: string;
    clientId?: string;
  } = {},
) {
  const q = new URLSearchParams({
    client_id: params.clientId ?? CLIENT_ID,
    redirect_uri: params.redirectUri ?? CALLBACK_URL,
    scope: params.scope ?? 'read:user',
    ...(params.state ? { state: params.state } : {}),
  });
  const page = await fetch(`${url}/login/oauth/authorize?${q}`, {
    redirect: 'manual',
  });
  // Submit the page's own form like a browser: hidden inputs + the clicked button.
  const form = authorizeForm(await page.text(), login);
  const res = await fetch(`${url}/login/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  return new URL(res.headers.get('location')!);
}

/** Exchanges a code at /login/oauth/access_token (JSON answer). */
export async function exchangeCode(
  url: string,
  code: string,
  secret = CLIENT_SECRET,
) {
  const res = await fetch(`${url}/login/oauth/access_token`, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({
      client_id: CLIENT_ID,
      client_secret: secret,
      code,
    }),
  });
  return (await res.json()) as Record<string, string>;
}
