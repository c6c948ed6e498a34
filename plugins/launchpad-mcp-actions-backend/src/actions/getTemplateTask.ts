/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { audited } from '../lib/audit';
import { portalUrls } from '../lib/urls';
import { getTemplateTaskExamples } from './getTemplateTask.examples';

interface EventBody {
  message?: string;
  stepId?: string;
  status?: string;
  error?: { message?: string };
  output?: {
    links?: Array<{ title?: string; url?: string; entityRef?: string }>;
  };
}

/**
 * `launchpad:get-template-task`: the state of a template run the caller
 * started (the scaffolder lets a user read only their own tasks; the
 * platform group reads all): each step's status, the error of a failed run,
 * and the links of a finished one. Step log lines are not returned.
 */
export function createGetTemplateTaskAction(options: {
  actionsRegistry: ActionsRegistryService;
  scaffolder: ScaffolderService;
  auditor: AuditorService;
  appBaseUrl: string;
}) {
  const { actionsRegistry, scaffolder, auditor, appBaseUrl } = options;
  actionsRegistry.register({
    name: 'get-template-task',
    title: 'State and links of a template run',
    description: `The state of a template run you started (e.g. by launchpad.create-fastapi-service): open, processing, completed, failed or cancelled; each step's status; why it failed; and when completed, its links (repository, catalog page, Argo CD Application).
Call it again until the status is completed, failed or cancelled. Refused (NotAllowedError) for a run someone else started.`,
    examples: getTemplateTaskExamples,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          taskId: z
            .string()
            .min(1)
            .describe('The task id a template run returned'),
        }),
      output: z =>
        z.object({
          taskId: z.string(),
          status: z.string(),
          templateRef: z.string().optional(),
          createdBy: z.string().optional(),
          steps: z.array(
            z.object({ id: z.string(), name: z.string(), status: z.string() }),
          ),
          error: z.string().optional(),
          links: z.array(
            z.object({
              title: z.string().optional(),
              url: z.string(),
              entityRef: z.string().optional(),
            }),
          ),
          taskUrl: z.string(),
        }),
    },
    action: async ({ input, credentials }) =>
      audited(
        auditor,
        {
          eventId: 'template-task',
          credentials,
          meta: { taskId: input.taskId },
        },
        async () => {
          const task = await scaffolder.getTask(
            { taskId: input.taskId },
            { credentials },
          );
          const events = await scaffolder.getLogs(
            { taskId: input.taskId },
            { credentials },
          );
          const bodies = events.map(e => ({
            type: e.type,
            body: e.body as EventBody,
          }));
          const stepStatus = new Map<string, string>();
          for (const { body } of bodies) {
            if (body.stepId && body.status) {
              stepStatus.set(body.stepId, body.status);
            }
          }
          const completion = bodies.find(e => e.type === 'completion')?.body;
          const base = appBaseUrl.replace(/\/+$/, '');
          const links = (completion?.output?.links ?? []).flatMap(link => {
            if (link.url) {
              return [{ title: link.title, url: link.url }];
            }
            if (link.entityRef) {
              const ref = parseEntityRef(link.entityRef);
              return [
                {
                  title: link.title,
                  url: portalUrls(base, ref).catalogUrl,
                  entityRef: link.entityRef,
                },
              ];
            }
            return [];
          });
          const spec = task.spec as {
            steps?: Array<{ id: string; name?: string }>;
            templateInfo?: { entityRef?: string };
            user?: { ref?: string };
          };
          return {
            output: {
              taskId: task.id,
              status: task.status,
              templateRef: spec.templateInfo?.entityRef,
              createdBy:
                (task as { createdBy?: string }).createdBy ?? spec.user?.ref,
              steps: (spec.steps ?? []).map(step => ({
                id: step.id,
                name: step.name ?? step.id,
                status: stepStatus.get(step.id) ?? 'open',
              })),
              error:
                task.status === 'failed'
                  ? completion?.error?.message ?? completion?.message
                  : undefined,
              links,
              taskUrl: `${base}/create/tasks/${task.id}`,
            },
          };
        },
      ),
  });
}
