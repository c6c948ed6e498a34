/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { audited } from '../lib/audit';
import { PluginFetch } from '../lib/pluginFetch';
import {
  FASTAPI_TEMPLATE_REF,
  fastApiServiceInput,
  withFormDefaults,
} from '../lib/fastApiValues';
import { createFastApiServiceExamples } from './createFastApiService.examples';

/**
 * `launchpad:create-fastapi-service`: runs the fastapi-service template as
 * the caller through the scaffolder's API (`POST /v2/tasks` on the caller's
 * behalf; the scaffolder service's client turns its refusals into plain
 * errors, which would lose the 403). The scaffolder checks
 * scaffolder.task.create for the caller, validates the values against the
 * template's parameters, and the template's own steps (launchpad:tenancy:check
 * first) see the caller as the task's user, exactly as in the browser.
 */
export function createCreateFastApiServiceAction(options: {
  actionsRegistry: ActionsRegistryService;
  pluginFetch: PluginFetch;
  auditor: AuditorService;
  appBaseUrl: string;
}) {
  const { actionsRegistry, pluginFetch, auditor, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'create-fastapi-service',
    title: 'Create a FastAPI service on EKS',
    description: `Creates a FastAPI service for one of your teams with the portal's "FastAPI service on Amazon EKS" template: a GitHub repository, its catalog entry and an Argo CD Application in the team's namespace.
Runs as you: only template runners may use it, the owner must be one of your teams and the namespace one of that team's (the template refuses anything else before creating anything, and says what is allowed).
Returns the task id at once; call launchpad.get-template-task with it to follow the run and get the repository, catalog and Argo CD links when it is done.`,
    examples: createFastApiServiceExamples,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z => fastApiServiceInput(z),
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
          severityLevel: 'high',
          credentials,
          meta: {
            templateRef: FASTAPI_TEMPLATE_REF,
            name: input.name,
            owner: input.owner,
            namespace: input.namespace,
          },
        },
        async () => {
          const { id: taskId } = (await pluginFetch(
            'scaffolder',
            '/v2/tasks',
            credentials,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                templateRef: FASTAPI_TEMPLATE_REF,
                values: withFormDefaults(input),
              }),
            },
          )) as { id: string };
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
