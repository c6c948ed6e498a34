/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export const getDeploymentStatusExamples = [
  {
    title: 'Is a service healthy on EKS',
    input: { entityRef: 'component:default/orders-api' },
    output: {
      entityRef: 'component:default/orders-api',
      argocd: {
        appName: 'orders-api',
        url: 'https://argocd.example.com/applications/orders-api',
        sync: { status: 'Synced', revision: '3f2c1a9' },
        health: { status: 'Healthy' },
        lastSync: {
          phase: 'Succeeded',
          startedAt: '2026-12-01T09:59:50Z',
          finishedAt: '2026-12-01T10:00:00Z',
          revision: '3f2c1a9',
        },
        deployments: [
          {
            revision: '3f2c1a9',
            deployStartedAt: '2026-12-01T09:59:50Z',
            deployedAt: '2026-12-01T10:00:00Z',
          },
        ],
      },
      kubernetes: {
        clusters: [
          {
            cluster: 'eks',
            deployments: [
              {
                name: 'orders-api',
                namespace: 'payments-orders',
                desiredReplicas: 2,
                readyReplicas: 2,
                availableReplicas: 2,
                images: [
                  '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api:3f2c1a9',
                ],
              },
            ],
            pods: [],
            errors: [],
          },
        ],
      },
    },
  },
];
