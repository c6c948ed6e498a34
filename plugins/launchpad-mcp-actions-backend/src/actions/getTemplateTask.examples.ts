/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export const getTemplateTaskExamples = [
  {
    title: 'A finished run with its links',
    input: { taskId: 'a1b2c3d4-0000-4000-8000-000000000000' },
    output: {
      taskId: 'a1b2c3d4-0000-4000-8000-000000000000',
      status: 'completed',
      templateRef: 'template:default/fastapi-service',
      createdBy: 'user:default/sora-choi',
      steps: [
        {
          id: 'check-tenancy',
          name: 'Check team tenancy',
          status: 'completed',
        },
        { id: 'publish', name: 'Publish to GitHub', status: 'completed' },
      ],
      links: [
        {
          title: 'Repository',
          url: 'https://github.com/example-org/orders-api',
        },
        {
          title: 'Open in catalog',
          url: 'https://portal.example.com/catalog/default/component/orders-api',
          entityRef: 'component:default/orders-api',
        },
      ],
      taskUrl:
        'https://portal.example.com/create/tasks/a1b2c3d4-0000-4000-8000-000000000000',
    },
  },
];
