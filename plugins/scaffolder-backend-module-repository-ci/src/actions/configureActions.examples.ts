/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check, before creating anything, that the portal has CI settings for the repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'check-ci-settings',
          action: 'github:actions:configure',
          name: 'Check the CI settings',
          input: { repoUrl: '${{ parameters.repoUrl }}', checkOnly: true },
        },
      ],
    }),
  },
  {
    description:
      "Set the portal's CI variables and secrets on the repository github:repo:create just created, before the first push",
    example: yaml.stringify({
      steps: [
        {
          id: 'ci-settings',
          action: 'github:actions:configure',
          name: 'Set the CI variables and secrets',
          input: { repoUrl: '${{ parameters.repoUrl }}' },
        },
      ],
    }),
  },
];
