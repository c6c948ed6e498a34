/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export const getEntityOverviewExamples = [
  {
    title: 'Who owns a service and where are its docs',
    input: { entityRef: 'component:default/orders-api' },
    output: {
      entityRef: 'component:default/orders-api',
      description: 'Orders API',
      type: 'service',
      lifecycle: 'production',
      system: 'payments',
      owner: {
        entityRef: 'group:default/payments',
        email: 'payments@example.com',
        links: [
          { url: 'https://example.pagerduty.com/payments', title: 'On-call' },
        ],
      },
      links: [
        { url: 'https://grafana.example.com/d/orders', title: 'Dashboard' },
      ],
      docsUrl: 'https://portal.example.com/docs/default/component/orders-api',
      sourceUrl: 'https://github.com/example-org/orders-api/tree/main/',
      catalogUrl:
        'https://portal.example.com/catalog/default/component/orders-api',
    },
  },
];
