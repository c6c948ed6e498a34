/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Catalog entities and an Argo CD Application (in Argo CD 3.x's JSON shape)
 * shared by the tests.
 */

import { Entity } from '@backstage/catalog-model';

export function component(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-shop' },
  };
}

/** A synced, healthy Application as `GET /api/v1/applications/{name}` returns it. */
export function syncedApplication(name: string) {
  return {
    metadata: {
      name,
      namespace: 'argocd',
      uid: '6f1c2a8e-0d1b-4c55-9d59-3c0f1f1b2a10',
      resourceVersion: '48213',
      creationTimestamp: '2026-11-20T09:00:00Z',
      labels: { 'backstage.io/kubernetes-id': name },
    },
    spec: {
      project: 'team-shop',
      source: {
        repoURL: `https://github.com/acme/${name}.git`,
        path: 'deploy/overlays/eks',
        targetRevision: 'main',
      },
      destination: { name: 'eks-prod', namespace: 'shop' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      sync: {
        status: 'Synced',
        revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
        comparedTo: {
          source: {
            repoURL: `https://github.com/acme/${name}.git`,
            path: 'deploy/overlays/eks',
            targetRevision: 'main',
          },
          destination: { name: 'eks-prod', namespace: 'shop' },
        },
      },
      health: { status: 'Healthy', lastTransitionTime: '2026-11-27T10:01:00Z' },
      operationState: {
        operation: {
          sync: { revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d' },
          initiatedBy: { automated: true },
        },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: '2026-11-27T10:00:12Z',
        finishedAt: '2026-11-27T10:00:31Z',
        syncResult: {
          revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
          source: {
            repoURL: `https://github.com/acme/${name}.git`,
            path: 'deploy/overlays/eks',
            targetRevision: 'main',
          },
          resources: [
            {
              group: 'apps',
              version: 'v1',
              kind: 'Deployment',
              namespace: 'shop',
              name,
              status: 'Synced',
              message: `deployment.apps/${name} configured`,
            },
          ],
        },
      },
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: 'shop',
          name,
          status: 'Synced',
          health: { status: 'Healthy' },
        },
      ],
      history: [
        {
          id: 3,
          revision: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
          deployedAt: '2026-11-27T10:00:31Z',
          deployStartedAt: '2026-11-27T10:00:12Z',
        },
      ],
      conditions: [],
      reconciledAt: '2026-11-27T10:05:00Z',
      summary: {
        images: [`123456789012.dkr.ecr.eu-west-1.amazonaws.com/${name}:1.4.2`],
      },
    },
  };
}

/** Argo CD's grpc-gateway error body. */
export function grpcError(code: number, message: string) {
  return { error: message, code, message, details: [] };
}
