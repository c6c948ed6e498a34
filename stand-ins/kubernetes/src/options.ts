/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import path from 'node:path';
import {
  DEFAULT_PORT,
  DEFAULT_REGION,
  DEFAULT_TOKEN,
  KubernetesStandInOptions,
} from './standIn';
import { findRepoRoot } from '@internal/test-support';

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`K8S_STANDIN_PORT must be a port number, got "${value}"`);
  }
  return n;
}

/**
 * Reads the stand-in's options from environment variables:
 * K8S_STANDIN_PORT (8089), K8S_STANDIN_HOST (127.0.0.1), K8S_STANDIN_TOKEN,
 * K8S_STANDIN_DATA (relative to the repo root), K8S_STANDIN_REGION,
 * K8S_STANDIN_DENY (comma-separated resources answered with 403).
 */
export function optionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): KubernetesStandInOptions & { port: number; dataDir: string; token: string } {
  const repoRoot = findRepoRoot();
  return {
    port: parsePort(env.K8S_STANDIN_PORT),
    host: env.K8S_STANDIN_HOST || '127.0.0.1',
    token: env.K8S_STANDIN_TOKEN || DEFAULT_TOKEN,
    dataDir: env.K8S_STANDIN_DATA
      ? path.resolve(repoRoot, env.K8S_STANDIN_DATA)
      : path.join(repoRoot, '.sandbox', 'kubernetes'),
    region: env.K8S_STANDIN_REGION || DEFAULT_REGION,
    denied: (env.K8S_STANDIN_DENY ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  };
}
