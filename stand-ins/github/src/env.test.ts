/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { resolve } from 'node:path';
import { readEnvOptions } from './env';

describe('readEnvOptions', () => {
  const repoRoot = resolve(__dirname, '..', '..', '..');

  it('defaults to port 3300, loopback, .sandbox/github under the repo root and the sandbox token', () => {
    expect(readEnvOptions({})).toEqual({
      port: 3300,
      host: '127.0.0.1',
      dataDir: resolve(repoRoot, '.sandbox/github'),
      fixture: undefined,
      integrationToken: 'sandbox-github-token',
      publicUrl: undefined,
      oauthTokenTtlSeconds: undefined,
      oauthApp: undefined,
    });
  });

  it('reads every variable', () => {
    const options = readEnvOptions({
      GITHUB_STANDIN_PORT: '4400',
      GITHUB_STANDIN_HOST: '0.0.0.0',
      GITHUB_STANDIN_DATA: '/tmp/gh-data',
      GITHUB_STANDIN_TOKEN: 'other-token',
      GITHUB_STANDIN_PUBLIC_URL: 'http://gh.sandbox.test:4400',
      GITHUB_STANDIN_TOKEN_TTL: '60',
      GITHUB_STANDIN_CLIENT_ID: 'cid',
      GITHUB_STANDIN_CALLBACK_URL:
        'http://localhost:7007/api/auth/github/handler/frame',
    });
    expect(options).toMatchObject({
      port: 4400,
      host: '0.0.0.0',
      dataDir: '/tmp/gh-data',
      integrationToken: 'other-token',
      publicUrl: 'http://gh.sandbox.test:4400',
      oauthTokenTtlSeconds: 60,
      oauthApp: {
        clientId: 'cid',
        callbackUrl: 'http://localhost:7007/api/auth/github/handler/frame',
      },
    });
  });

  it('rejects a port that is not a number', () => {
    expect(() => readEnvOptions({ GITHUB_STANDIN_PORT: 'eighty' })).toThrow(
      "GITHUB_STANDIN_PORT must be a non-negative integer, got 'eighty'",
    );
  });
});
