/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Write the rendered app's OpenAPI document to openapi.json, for an API entity's `$text: ./openapi.json`",
    example: yaml.stringify({
      steps: [
        {
          id: 'openapi',
          action: 'fastapi:openapi:write',
          name: 'Write the OpenAPI document',
          input: { app: 'app.main:app' },
        },
      ],
    }),
  },
  {
    description: 'An app in a subdirectory, written to another file',
    example: yaml.stringify({
      steps: [
        {
          id: 'openapi',
          action: 'fastapi:openapi:write',
          name: 'Write the OpenAPI document',
          input: {
            app: 'service.api:application',
            sourceDir: 'backend',
            targetPath: 'docs/openapi.json',
          },
        },
      ],
    }),
  },
];
