/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export const dryRunFastApiServiceExamples = [
  {
    title: 'Preview the repository of a payments service',
    input: {
      name: 'orders-api',
      description: 'Takes and tracks orders',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      namespace: 'payments-orders',
      imageRepository:
        '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
      repoUrl: 'github.com?owner=example-org&repo=orders-api',
    },
    output: {
      templateRef: 'template:default/fastapi-service',
      files: [
        {
          path: 'app/main.py',
          size: 512,
          content: 'from fastapi import FastAPI\n...',
        },
        { path: 'deploy/overlays/eks/kustomization.yaml', size: 640 },
      ],
    },
  },
];
