/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import path from 'node:path';
import { optionsFromEnv } from './options';
import { findRepoRoot } from '@internal/test-support';

describe('optionsFromEnv', () => {
  it('defaults to port 8089, the sandbox token and .sandbox/kubernetes at the repo root', () => {
    const root = findRepoRoot();
    expect(root).toBe(path.resolve(__dirname, '..', '..', '..'));
    expect(optionsFromEnv({})).toEqual({
      port: 8089,
      host: '127.0.0.1',
      token: 'sandbox-kubernetes-token',
      dataDir: path.join(root, '.sandbox', 'kubernetes'),
      region: 'ap-northeast-2',
      denied: [],
    });
  });

  it('reads K8S_STANDIN_* variables', () => {
    const root = findRepoRoot();
    expect(
      optionsFromEnv({
        K8S_STANDIN_PORT: '0',
        K8S_STANDIN_TOKEN: 't',
        K8S_STANDIN_DATA: 'tmp/k8s',
        K8S_STANDIN_DENY: 'deployments.apps, pods/log',
      }),
    ).toMatchObject({
      port: 0,
      token: 't',
      dataDir: path.join(root, 'tmp', 'k8s'),
      denied: ['deployments.apps', 'pods/log'],
    });
    expect(() => optionsFromEnv({ K8S_STANDIN_PORT: 'http' })).toThrow(
      'K8S_STANDIN_PORT must be a port number, got "http"',
    );
  });
});
