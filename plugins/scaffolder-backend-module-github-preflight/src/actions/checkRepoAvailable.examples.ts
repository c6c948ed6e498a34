/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Refuse an existing repository or an unknown organization before rendering and publishing anything',
    example: yaml.stringify({
      steps: [
        {
          id: 'check-repo',
          action: 'github:repo:checkAvailable',
          name: 'Check that the repository name is free',
          input: {
            repoUrl: 'github.com?owner=acme&repo=orders-api',
          },
        },
      ],
    }),
  },
  {
    description:
      'Check on a GitHub Enterprise host with the signed-in user’s own token from the RepoUrlPicker',
    example: yaml.stringify({
      steps: [
        {
          id: 'check-repo',
          action: 'github:repo:checkAvailable',
          name: 'Check that the repository name is free',
          input: {
            repoUrl: 'ghe.example.com?owner=platform&repo=orders-api',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
];
