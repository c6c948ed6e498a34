/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { findRepoRoot } from '@internal/test-support';
import { resolve } from 'node:path';
import type { GitHubStandInOptions } from './server';

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got '${value}'`);
  return n;
}

/**
 * Options from the environment:
 * GITHUB_STANDIN_PORT (3300), GITHUB_STANDIN_HOST (127.0.0.1),
 * GITHUB_STANDIN_DATA (.sandbox/github under the repo root),
 * GITHUB_STANDIN_TOKEN (sandbox-github-token), GITHUB_STANDIN_FIXTURE,
 * GITHUB_STANDIN_PUBLIC_URL, GITHUB_STANDIN_CLIENT_ID,
 * GITHUB_STANDIN_CLIENT_SECRET, GITHUB_STANDIN_CALLBACK_URL,
 * GITHUB_STANDIN_TOKEN_TTL (seconds), GITHUB_STANDIN_WEBHOOK_URL and
 * GITHUB_STANDIN_WEBHOOK_SECRET (both, or neither: the organization webhook).
 */
export function readEnvOptions(
  env: NodeJS.ProcessEnv = process.env,
): GitHubStandInOptions {
  const root = findRepoRoot(resolvePackagePath('@internal/github-stand-in'));
  const oauthApp = {
    clientId: env.GITHUB_STANDIN_CLIENT_ID || undefined,
    clientSecret: env.GITHUB_STANDIN_CLIENT_SECRET || undefined,
    callbackUrl: env.GITHUB_STANDIN_CALLBACK_URL || undefined,
  };
  return {
    port: int('GITHUB_STANDIN_PORT', env.GITHUB_STANDIN_PORT) ?? 3300,
    host: env.GITHUB_STANDIN_HOST || '127.0.0.1',
    dataDir: resolve(root, env.GITHUB_STANDIN_DATA || '.sandbox/github'),
    fixture: env.GITHUB_STANDIN_FIXTURE
      ? resolve(env.GITHUB_STANDIN_FIXTURE)
      : undefined,
    integrationToken: env.GITHUB_STANDIN_TOKEN || 'sandbox-github-token',
    publicUrl: env.GITHUB_STANDIN_PUBLIC_URL || undefined,
    oauthTokenTtlSeconds: int(
      'GITHUB_STANDIN_TOKEN_TTL',
      env.GITHUB_STANDIN_TOKEN_TTL,
    ),
    oauthApp: Object.values(oauthApp).some(Boolean) ? oauthApp : undefined,
    webhook: webhookFromEnv(env),
  };
}

function webhookFromEnv(env: NodeJS.ProcessEnv) {
  const url = env.GITHUB_STANDIN_WEBHOOK_URL || undefined;
  const secret = env.GITHUB_STANDIN_WEBHOOK_SECRET || undefined;
  if (!url && !secret) return undefined;
  if (!url || !secret) {
    throw new Error(
      'Set both GITHUB_STANDIN_WEBHOOK_URL and GITHUB_STANDIN_WEBHOOK_SECRET for the organization webhook, or neither',
    );
  }
  return { url, secret };
}
