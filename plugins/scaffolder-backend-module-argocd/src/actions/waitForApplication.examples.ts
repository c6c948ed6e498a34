/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Wait for the Application created by an earlier step, with the configured default interval and timeout',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd-wait',
          action: 'argocd:app:wait',
          name: 'Wait for the first deployment',
          input: {
            appName: "${{ steps['argocd'].output.appName }}",
          },
        },
      ],
    }),
  },
  {
    description:
      'Wait on a named instance, checking every 10 seconds and giving up after 5 minutes',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd-wait',
          action: 'argocd:app:wait',
          name: 'Wait for shop-api',
          input: {
            instance: 'production',
            appName: 'shop-api',
            intervalSeconds: 10,
            timeoutSeconds: 300,
          },
        },
      ],
    }),
  },
];
