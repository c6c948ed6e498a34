/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Refuse, before anything is created, an owner the user is not in or a namespace outside the owner's tenancy; later steps use the derived project and cluster",
    example: yaml.stringify({
      steps: [
        {
          id: 'check-tenancy',
          action: 'launchpad:tenancy:check',
          name: 'Check the team tenancy',
          input: {
            owner: 'group:default/payments',
            namespace: 'payments-orders',
          },
        },
        {
          id: 'argocd-create',
          action: 'argocd:app:create',
          input: {
            appName: 'orders-api',
            project: "${{ steps['check-tenancy'].output.project }}",
            destinationName: "${{ steps['check-tenancy'].output.cluster }}",
            namespace: "${{ steps['check-tenancy'].output.namespace }}",
            repoUrl: 'https://github.com/acme/orders-api.git',
          },
        },
      ],
    }),
  },
  {
    description:
      "Check the ingress too: the host must be under the team's domains (default <serviceName>.<first domain>) and internet-facing only where the team may",
    example: yaml.stringify({
      steps: [
        {
          id: 'check-tenancy',
          action: 'launchpad:tenancy:check',
          name: 'Check the team tenancy',
          input: {
            owner: 'group:default/payments',
            namespace: 'payments',
            cluster: 'eks',
            serviceName: 'orders-api',
            ingressScheme: 'internet-facing',
          },
        },
      ],
    }),
  },
];
