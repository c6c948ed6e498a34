/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';

export const TOKEN = 'argocd-test-token-5f1c2a9e';
export const OTHER_TOKEN = 'argocd-other-token-77b0d4';
export const ARGOCD_URL = 'https://argocd.example.test';
export const OTHER_URL = 'https://argocd-staging.example.test';

export function testConfig(extra: object = {}) {
  return new ConfigReader({
    argocd: {
      instances: [
        { name: 'production', url: ARGOCD_URL, token: TOKEN },
        {
          name: 'staging',
          url: `${OTHER_URL}/`,
          token: OTHER_TOKEN,
          uiUrl: 'https://ui.staging.example.test',
        },
      ],
      ...extra,
    },
  });
}

/** Fast retries so failure paths finish quickly. */
export const fastRetry = { attempts: 3, initialDelayMs: 1, maxDelayMs: 2 };

/** A logger whose every message (and meta) can be inspected. */
export function capturingLogger() {
  const logger = mockServices.logger.mock();
  const text = () =>
    [logger.info, logger.warn, logger.error, logger.debug]
      .flatMap(fn => (fn as jest.Mock).mock.calls)
      .map(args => JSON.stringify(args))
      .join('\n');
  return { logger, text };
}

/** An Application as Argo CD returns it. */
export function storedApplication(overrides: {
  name?: string;
  spec?: object;
  labels?: Record<string, string>;
  status?: object;
}) {
  return {
    metadata: {
      name: overrides.name ?? 'shop-api',
      namespace: 'argocd',
      uid: '2b0a3c9e-0000-4000-8000-000000000001',
      resourceVersion: '12',
      creationTimestamp: '2026-11-01T10:00:00Z',
      ...(overrides.labels ? { labels: overrides.labels } : {}),
    },
    spec: overrides.spec ?? {},
    status: overrides.status ?? {
      sync: { status: 'OutOfSync' },
      health: { status: 'Progressing' },
    },
  };
}
