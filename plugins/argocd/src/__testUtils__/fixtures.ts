/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { ArgoCdEntityStatus } from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-api',
    namespace: 'default',
    annotations: { 'argocd/app-name': 'shop-api' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-shop' },
};

export function syncedStatus(
  overrides: Partial<ArgoCdEntityStatus> = {},
): ArgoCdEntityStatus {
  const minutesAgo = (n: number) =>
    new Date(Date.now() - n * 60_000).toISOString();
  return {
    instance: 'production',
    appName: 'shop-api',
    url: 'https://argocd.example.test/applications/shop-api',
    sync: {
      status: 'Synced',
      revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    },
    health: { status: 'Healthy' },
    lastSync: {
      phase: 'Succeeded',
      startedAt: minutesAgo(5.5),
      finishedAt: minutesAgo(5),
      message: 'successfully synced (all tasks run)',
      revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    },
    fetchedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The error the client throws for the backend's 503 answer. */
export function unavailableError(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ServiceUnavailableError', message },
        request: { method: 'GET', url: '/api/argocd/...' },
        response: { statusCode: 503 },
      }),
      {
        status: 503,
        statusText: 'Service Unavailable',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
