/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { minji, recordingAuditor, sora } from '../__testUtils__/fakes';
import { createGetTemplateTaskAction } from './getTemplateTask';

const task = (status: string) => ({
  id: 't-1',
  status,
  createdAt: '2026-12-01T10:00:00Z',
  createdBy: 'user:default/sora-choi',
  spec: {
    templateInfo: { entityRef: 'template:default/fastapi-service' },
    steps: [
      {
        id: 'check-tenancy',
        name: 'Check team tenancy',
        action: 'launchpad:tenancy:check',
      },
      { id: 'publish', name: 'Publish', action: 'publish:github' },
    ],
  },
});

const event = (type: string, body: object) => ({
  type,
  body,
  createdAt: '2026-12-01T10:00:01Z',
  id: 1,
  taskId: 't-1',
});

function setup(scaffolder: Partial<ScaffolderService>) {
  const actionsRegistry = actionsRegistryServiceMock();
  const { auditor, events } = recordingAuditor();
  createGetTemplateTaskAction({
    actionsRegistry,
    scaffolder: scaffolder as ScaffolderService,
    auditor,
    appBaseUrl: 'https://portal.example.com',
  });
  const invoke = (credentials = sora) =>
    actionsRegistry.invoke({
      id: 'test:get-template-task',
      input: { taskId: 't-1' },
      credentials,
    });
  return { invoke, events };
}

describe('launchpad:get-template-task', () => {
  it('gives the steps and, once completed, the links (catalog links as portal URLs)', async () => {
    const getTask = jest.fn(async () => task('completed') as any);
    const getLogs = jest.fn(
      async () =>
        [
          event('log', {
            message: 'Checking',
            stepId: 'check-tenancy',
            status: 'processing',
          }),
          event('log', {
            message: 'ok',
            stepId: 'check-tenancy',
            status: 'completed',
          }),
          event('log', {
            message: 'ok',
            stepId: 'publish',
            status: 'completed',
          }),
          event('completion', {
            message: 'Run completed with status: completed',
            output: {
              links: [
                {
                  title: 'Repository',
                  url: 'https://github.com/example-org/orders-api',
                },
                {
                  title: 'Open in catalog',
                  entityRef: 'component:default/orders-api',
                },
              ],
            },
          }),
        ] as any,
    );
    const { invoke, events } = setup({ getTask, getLogs });
    const { output } = await invoke();
    expect(output).toEqual({
      taskId: 't-1',
      status: 'completed',
      templateRef: 'template:default/fastapi-service',
      createdBy: 'user:default/sora-choi',
      steps: [
        {
          id: 'check-tenancy',
          name: 'Check team tenancy',
          status: 'completed',
        },
        { id: 'publish', name: 'Publish', status: 'completed' },
      ],
      links: [
        {
          title: 'Repository',
          url: 'https://github.com/example-org/orders-api',
        },
        {
          title: 'Open in catalog',
          url: 'https://portal.example.com/catalog/default/component/orders-api',
          entityRef: 'component:default/orders-api',
        },
      ],
      taskUrl: 'https://portal.example.com/create/tasks/t-1',
    });
    expect(getTask).toHaveBeenCalledWith(
      { taskId: 't-1' },
      { credentials: sora },
    );
    expect(getLogs).toHaveBeenCalledWith(
      { taskId: 't-1' },
      { credentials: sora },
    );
    expect(events[0]).toMatchObject({
      eventId: 'template-task',
      meta: { actor: 'user:default/sora-choi', taskId: 't-1' },
      outcome: 'success',
    });
  });

  it("gives a failed run's reason and the step that failed", async () => {
    const { invoke } = setup({
      getTask: async () => task('failed') as any,
      getLogs: async () =>
        [
          event('log', {
            message: 'no',
            stepId: 'check-tenancy',
            status: 'failed',
          }),
          event('completion', {
            message: 'Run completed with status: failed',
            error: {
              name: 'InputError',
              message:
                "namespace 'platform-x' does not belong to group:default/payments",
            },
          }),
        ] as any,
    });
    const { output } = (await invoke()) as { output: any };
    expect(output.status).toBe('failed');
    expect(output.error).toBe(
      "namespace 'platform-x' does not belong to group:default/payments",
    );
    expect(output.steps).toEqual([
      { id: 'check-tenancy', name: 'Check team tenancy', status: 'failed' },
      { id: 'publish', name: 'Publish', status: 'open' },
    ]);
    expect(output.links).toEqual([]);
  });

  it("refuses someone else's run", async () => {
    const { invoke, events } = setup({
      getTask: async () => {
        throw new NotAllowedError('Unauthorized');
      },
    });
    await expect(invoke(minji)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(events[0]).toMatchObject({
      meta: { actor: 'user:default/minji-park' },
      outcome: 'fail',
    });
  });
});
