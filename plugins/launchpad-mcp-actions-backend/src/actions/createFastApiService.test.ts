/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ResponseError } from '@backstage/errors';
import { PluginFetch } from '../lib/pluginFetch';
import { minji, recordingAuditor, sora } from '../__testUtils__/fakes';
import { createCreateFastApiServiceAction } from './createFastApiService';

const values = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/payments',
  system: 'system:default/payments',
  namespace: 'payments-orders',
  imageRepository:
    '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
  repoUrl: 'github.com?owner=example-org&repo=orders-api',
};

function setup(createTask: PluginFetch) {
  const actionsRegistry = actionsRegistryServiceMock();
  const pluginFetch = jest.fn(createTask);
  const { auditor, events } = recordingAuditor();
  createCreateFastApiServiceAction({
    actionsRegistry,
    pluginFetch,
    auditor,
    appBaseUrl: 'https://portal.example.com',
  });
  const invoke = (input: object, credentials = sora) =>
    actionsRegistry.invoke({
      id: 'test:create-fastapi-service',
      input: input as any,
      credentials,
    });
  return { invoke, pluginFetch, events };
}

describe('launchpad:create-fastapi-service', () => {
  it('starts the fastapi-service template as the caller, with the defaults of the form', async () => {
    const { invoke, pluginFetch, events } = setup(async () => ({ id: 't-1' }));
    const { output } = await invoke({ ...values, replicas: 1 });
    expect(output).toEqual({
      taskId: 't-1',
      taskUrl: 'https://portal.example.com/create/tasks/t-1',
    });
    expect(pluginFetch).toHaveBeenCalledWith(
      'scaffolder',
      '/v2/tasks',
      sora,
      expect.objectContaining({ method: 'POST' }),
    );
    expect(JSON.parse(pluginFetch.mock.calls[0][3]!.body as string)).toEqual({
      templateRef: 'template:default/fastapi-service',
      values: {
        ...values,
        replicas: 1,
        visibility: 'private',
        pythonVersion: '3.12',
        waitForSync: true,
      },
    });
    expect(events).toEqual([
      {
        eventId: 'create-fastapi-service',
        severityLevel: 'high',
        meta: {
          actor: 'user:default/sora-choi',
          templateRef: 'template:default/fastapi-service',
          name: 'orders-api',
          owner: 'group:default/payments',
          namespace: 'payments-orders',
        },
        outcome: 'success',
      },
    ]);
  });

  it("passes on the scaffolder's refusal (a caller who may not run templates)", async () => {
    const { invoke, events } = setup(async () => {
      // What pluginFetch throws for the scaffolder's 403 answer.
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: '' },
            request: { method: 'POST', url: '/api/scaffolder/v2/tasks' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
      );
    });
    await expect(invoke(values, minji)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: expect.objectContaining({ name: 'NotAllowedError' }),
    });
    expect(events[0]).toMatchObject({
      meta: { actor: 'user:default/minji-park' },
      outcome: 'fail',
    });
  });

  it('refuses input that does not fit the template before starting anything', async () => {
    const { invoke, pluginFetch } = setup(async () => ({ id: 'never' }));
    const { name: _name, ...withoutName } = values;
    await expect(invoke(withoutName)).rejects.toThrow(/name/);
    await expect(invoke({ ...values, visibility: 'secret' })).rejects.toThrow(
      /visibility/,
    );
    expect(pluginFetch).not.toHaveBeenCalled();
  });
});
