/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { AuditorService, AuthService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { audited } from '../lib/audit';
import {
  FASTAPI_TEMPLATE_REF,
  fastApiServiceInput,
  withFormDefaults,
} from '../lib/fastApiValues';
import { readEntityAs } from '../lib/readEntity';
import { templateFiles } from '../lib/templateFiles';
import { dryRunFastApiServiceExamples } from './dryRunFastApiService.examples';

/** Text files up to this size are returned with their content. */
const MAX_CONTENT_BYTES = 16 * 1024;

/**
 * `launchpad:dry-run-fastapi-service`: the fastapi-service template's dry
 * run as the caller (the scaffolder's dry run: template runners only, the
 * template's checks including launchpad:tenancy:check run, nothing is
 * published, registered or created in Argo CD). Returns the files the run
 * would put into the repository.
 */
export function createDryRunFastApiServiceAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
  scaffolder: ScaffolderService;
  auditor: AuditorService;
}) {
  const { actionsRegistry, catalog, auth, scaffolder, auditor } = options;
  actionsRegistry.register({
    name: 'dry-run-fastapi-service',
    title: 'Preview a FastAPI service (dry run)',
    description: `Dry-runs the portal's "FastAPI service on Amazon EKS" template with the same values as launchpad.create-fastapi-service and returns the files the new repository would contain (with their content for text files up to 16 KB). Creates nothing.
The same checks as a real run apply (template runners only; the owner must be one of your teams and the namespace one of that team's), so a refusal here names what is allowed.`,
    examples: dryRunFastApiServiceExamples,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z => fastApiServiceInput(z),
      output: z =>
        z.object({
          templateRef: z.string(),
          files: z.array(
            z.object({
              path: z.string(),
              size: z.number(),
              executable: z.boolean().optional(),
              content: z
                .string()
                .optional()
                .describe('UTF-8 content; left out for binary or large files'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) =>
      audited(
        auditor,
        {
          eventId: 'dry-run-fastapi-service',
          credentials,
          meta: {
            templateRef: FASTAPI_TEMPLATE_REF,
            name: input.name,
            owner: input.owner,
            namespace: input.namespace,
          },
        },
        async () => {
          const template = await readEntityAs(
            { catalog, auth },
            FASTAPI_TEMPLATE_REF,
            credentials,
          );
          const result = await scaffolder.dryRun(
            {
              template: template as TemplateEntityV1beta3,
              values: withFormDefaults(input),
              directoryContents: await templateFiles(template),
            },
            { credentials },
          );
          return {
            output: {
              templateRef: FASTAPI_TEMPLATE_REF,
              files: result.directoryContents
                .map(file => {
                  const bytes = Buffer.from(file.base64Content, 'base64');
                  const text = bytes.toString('utf8');
                  const isText =
                    !text.includes('\u0000') && !text.includes('\uFFFD');
                  return {
                    path: file.path,
                    size: bytes.length,
                    executable: file.executable || undefined,
                    content:
                      isText && bytes.length <= MAX_CONTENT_BYTES
                        ? text
                        : undefined,
                  };
                })
                .sort((a, b) => a.path.localeCompare(b.path)),
            },
          };
        },
      ),
  });
}
