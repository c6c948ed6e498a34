/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export const createFastApiServiceExamples = [
  {
    title: 'A payments service in a payments namespace',
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
      taskId: 'a1b2c3d4-0000-4000-8000-000000000000',
      taskUrl:
        'https://portal.example.com/create/tasks/a1b2c3d4-0000-4000-8000-000000000000',
    },
  },
];
