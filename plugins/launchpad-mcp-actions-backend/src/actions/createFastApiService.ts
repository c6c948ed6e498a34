/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { audited } from '../lib/audit';
import { createFastApiServiceExamples } from './createFastApiService.examples';

/** The template this action runs (templates/fastapi-service). */
export const FASTAPI_TEMPLATE_REF = 'template:default/fastapi-service';

/**
 * `launchpad:create-fastapi-service`: runs the fastapi-service template as
 * the caller through the scaffolder. The scaffolder checks
 * scaffolder.task.create for the caller, validates the values against the
 * template's parameters, and the template's own steps (launchpad:tenancy:check
 * first) see the caller as the task's user, exactly as in the browser.
 */
export function createCreateFastApiServiceAction(options: {
  actionsRegistry: ActionsRegistryService;
  scaffolder: ScaffolderService;
  auditor: AuditorService;
  appBaseUrl: string;
}) {
  const { actionsRegistry, scaffolder, auditor, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'create-fastapi-service',
    title: 'Create a FastAPI service on EKS',
    description: `Creates a FastAPI service for one of your teams with the portal's "FastAPI service on Amazon EKS" template: a GitHub repository, its catalog entry and an Argo CD Application in the team's namespace.
Runs as you: only template runners may use it, the owner must be one of your teams and the namespace one of that team's (the template refuses anything else before creating anything, and says what is allowed).
Returns the task id at once; call launchpad.get-template-task with it to follow the run and get the repository, catalog and Argo CD links when it is done.`,
    examples: createFastApiServiceExamples,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          name: z
            .string()
            .describe(
              'Service name: a DNS label (lowercase letters, digits, -), at most 40 characters, e.g. orders-api',
            ),
          description: z
            .string()
            .describe('What the service does, one sentence'),
          owner: z
            .string()
            .describe(
              'The owning team, e.g. group:default/payments (one of your teams)',
            ),
          system: z
            .string()
            .describe('The system it belongs to, e.g. system:default/payments'),
          namespace: z
            .string()
            .describe(
              'A Kubernetes namespace of the owner team (by default <team> or <team>-*, e.g. payments-orders)',
            ),
          imageRepository: z
            .string()
            .describe(
              'Amazon ECR repository URI without tag, e.g. 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
            ),
          repoUrl: z
            .string()
            .describe(
              'Where to create the repository, as host?owner=<org>&repo=<name>, e.g. github.com?owner=example-org&repo=orders-api',
            ),
          visibility: z
            .enum(['private', 'internal', 'public'])
            .optional()
            .describe('Repository visibility (default private)'),
          pythonVersion: z
            .enum(['3.12', '3.11'])
            .optional()
            .describe('Python version (default 3.12)'),
          replicas: z
            .number()
            .int()
            .optional()
            .describe('Replicas, 1 to 10 (default 2)'),
          ingressHost: z
            .string()
            .optional()
            .describe(
              "HTTPS host under the team's domain; default <name>.<team domain>",
            ),
          ingressScheme: z
            .enum(['internal', 'internet-facing'])
            .optional()
            .describe(
              'ALB scheme (default internal; internet-facing only where allowed)',
            ),
          cluster: z
            .string()
            .optional()
            .describe(
              "One of the team's Argo CD clusters; default the team's first",
            ),
          waitForSync: z
            .boolean()
            .optional()
            .describe(
              'Whether the run waits until Argo CD reports Synced and Healthy (default true)',
            ),
        }),
      output: z =>
        z.object({
          taskId: z.string(),
          taskUrl: z.string().describe('The run in the portal'),
        }),
    },
    action: async ({ input, credentials }) =>
      audited(
        auditor,
        {
          eventId: 'create-fastapi-service',
          severityLevel: 'medium',
          credentials,
          meta: {
            templateRef: FASTAPI_TEMPLATE_REF,
            name: input.name,
            owner: input.owner,
            namespace: input.namespace,
          },
        },
        async () => {
          const { taskId } = await scaffolder.scaffold(
            {
              templateRef: FASTAPI_TEMPLATE_REF,
              values: {
                visibility: 'private',
                pythonVersion: '3.12',
                replicas: 2,
                waitForSync: true,
                ...input,
              },
            },
            { credentials },
          );
          return {
            output: {
              taskId,
              taskUrl: `${appBaseUrl.replace(
                /\/+$/,
                '',
              )}/create/tasks/${taskId}`,
            },
          };
        },
      ),
  });
}
