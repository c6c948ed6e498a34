/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError, ResponseError } from '@backstage/errors';
import {
  catalogWith,
  component,
  minji,
  recordingAuditor,
  sora,
} from '../__testUtils__/fakes';
import { PluginFetch } from '../lib/pluginFetch';
import { createGetDeploymentStatusAction } from './getDeploymentStatus';

const deployed = component('orders-api', {
  annotations: {
    'argocd/app-name': 'orders-api',
    'backstage.io/kubernetes-id': 'orders-api',
  },
});
const bare = component('bare');
const hidden = component('hidden', {
  annotations: { 'argocd/app-name': 'hidden' },
});

const argoStatus = {
  instance: 'eks',
  appName: 'orders-api',
  url: 'https://argocd.example.test/applications/orders-api',
  sync: { status: 'Synced', revision: 'abc123' },
  health: { status: 'Healthy' },
  lastSync: { phase: 'Succeeded', revision: 'abc123' },
  deployments: [{ revision: 'abc123', deployedAt: '2026-12-01T10:00:00Z' }],
  fetchedAt: '2026-12-01T10:01:00Z',
};
const kubernetesObjects = {
  items: [
    {
      cluster: { name: 'eks' },
      resources: [
        {
          type: 'deployments',
          resources: [
            {
              metadata: { name: 'orders-api', namespace: 'payments-orders' },
              spec: {
                replicas: 2,
                template: {
                  spec: {
                    containers: [
                      { name: 'app', image: 'ecr/orders-api:abc123' },
                    ],
                  },
                },
              },
              status: { replicas: 2, readyReplicas: 1, availableReplicas: 1 },
            },
          ],
        },
        {
          type: 'pods',
          resources: [
            {
              metadata: { name: 'orders-api-1', namespace: 'payments-orders' },
              spec: {
                containers: [{ name: 'app', image: 'ecr/orders-api:abc123' }],
              },
              status: {
                phase: 'Running',
                containerStatuses: [
                  {
                    name: 'app',
                    ready: false,
                    restartCount: 4,
                    state: { waiting: { reason: 'CrashLoopBackOff' } },
                  },
                ],
              },
            },
          ],
        },
      ],
      errors: [],
    },
  ],
};

function setup(fetchImpl?: PluginFetch) {
  const actionsRegistry = actionsRegistryServiceMock();
  const { catalog } = catalogWith(
    [deployed, bare, hidden],
    entity => entity.metadata.name !== 'hidden',
  );
  const { auditor, events } = recordingAuditor();
  const pluginFetch = jest.fn<ReturnType<PluginFetch>, Parameters<PluginFetch>>(
    fetchImpl ??
      (async pluginId =>
        pluginId === 'argocd' ? argoStatus : kubernetesObjects),
  );
  createGetDeploymentStatusAction({
    actionsRegistry,
    catalog,
    auth: mockServices.auth(),
    auditor,
    pluginFetch,
  });
  const invoke = (entityRef: string, credentials = sora) =>
    actionsRegistry.invoke({
      id: 'test:get-deployment-status',
      input: { entityRef },
      credentials,
    });
  return { invoke, pluginFetch, events };
}

describe('launchpad:get-deployment-status', () => {
  it('reads Argo CD and Kubernetes through their backends as the caller', async () => {
    const { invoke, pluginFetch, events } = setup();
    const { output } = await invoke('orders-api');
    expect(output).toEqual({
      entityRef: 'component:default/orders-api',
      argocd: {
        appName: 'orders-api',
        url: 'https://argocd.example.test/applications/orders-api',
        sync: { status: 'Synced', revision: 'abc123' },
        health: { status: 'Healthy' },
        lastSync: { phase: 'Succeeded', revision: 'abc123' },
        deployments: [
          { revision: 'abc123', deployedAt: '2026-12-01T10:00:00Z' },
        ],
      },
      kubernetes: {
        clusters: [
          {
            cluster: 'eks',
            deployments: [
              {
                name: 'orders-api',
                namespace: 'payments-orders',
                desiredReplicas: 2,
                readyReplicas: 1,
                availableReplicas: 1,
                images: ['ecr/orders-api:abc123'],
              },
            ],
            pods: [
              {
                name: 'orders-api-1',
                namespace: 'payments-orders',
                phase: 'Running',
                ready: false,
                restarts: 4,
                waitingReason: 'CrashLoopBackOff',
                images: ['ecr/orders-api:abc123'],
              },
            ],
            errors: [],
          },
        ],
      },
    });
    expect(pluginFetch).toHaveBeenCalledWith(
      'argocd',
      '/entities/default/Component/orders-api/status',
      sora,
    );
    expect(pluginFetch).toHaveBeenCalledWith(
      'kubernetes',
      '/services/orders-api',
      sora,
      expect.objectContaining({ method: 'POST' }),
    );
    const body = JSON.parse(pluginFetch.mock.calls[1][3]!.body as string);
    expect(body.entity.metadata).toEqual({
      name: 'orders-api',
      namespace: 'default',
    });
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'deployment-status',
        meta: { actor: 'user:default/sora-choi', entityRef: 'orders-api' },
        outcome: 'success',
      }),
    ]);
  });

  it('says why a part is unavailable instead of failing the whole answer', async () => {
    const { invoke } = setup(async pluginId => {
      if (pluginId === 'argocd') {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'ServiceUnavailableError',
                message: 'Argo CD is unavailable: connect ECONNREFUSED',
              },
              response: { statusCode: 503 },
            }),
            { status: 503, headers: { 'content-type': 'application/json' } },
          ),
        );
      }
      throw new NotAllowedError('not allowed');
    });
    const { output } = (await invoke('orders-api')) as { output: any };
    expect(output.argocd).toEqual({
      unavailable: 'Argo CD is unavailable: connect ECONNREFUSED',
    });
    expect(output.kubernetes).toEqual({
      clusters: [],
      unavailable: 'not allowed',
    });
  });

  it('names the missing annotations for an entity that is not deployed', async () => {
    const { invoke, pluginFetch } = setup();
    const { output } = (await invoke('component:default/bare')) as {
      output: any;
    };
    expect(output.argocd.unavailable).toBe(
      'component:default/bare has no argocd/app-name annotation, so it has no Argo CD status in the portal',
    );
    expect(output.kubernetes.unavailable).toContain(
      'backstage.io/kubernetes-id',
    );
    expect(pluginFetch).not.toHaveBeenCalled();
  });

  it('refuses an entity the caller may not read, before asking Argo CD or Kubernetes', async () => {
    const { invoke, pluginFetch, events } = setup();
    await expect(
      invoke('component:default/hidden', minji),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(pluginFetch).not.toHaveBeenCalled();
    expect(events[0]).toMatchObject({
      meta: { actor: 'user:default/minji-park' },
      outcome: 'fail',
    });
  });
});
