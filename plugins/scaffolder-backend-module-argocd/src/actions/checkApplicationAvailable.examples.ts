/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Refuse a taken Application name before the template creates a repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'check-argocd',
          action: 'argocd:app:checkAvailable',
          name: 'Check that the Argo CD Application name is free',
          input: {
            instance: 'production',
            appName: 'shop-api',
            project: 'team-shop',
          },
        },
      ],
    }),
  },
];
