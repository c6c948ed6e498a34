/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get, expectList } from '../__testUtils__/harness';
import { demoManifests } from '../testing';

describe('Kubernetes stand-in: HorizontalPodAutoscalers', () => {
  const { start } = standInHarness();

  it('serves an autoscaling/v1 HPA as autoscaling/v2, as the API server does', async () => {
    const standIn = await start();
    const manifests = demoManifests('demo').filter(
      o => o.kind !== 'HorizontalPodAutoscaler',
    );
    manifests.push({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'demo',
        namespace: 'demo',
        labels: { 'backstage.io/kubernetes-id': 'demo' },
      },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'demo',
        },
        minReplicas: 3,
        maxReplicas: 6,
        targetCPUUtilizationPercentage: 60,
      },
    });
    await standIn.apply(manifests, 'demo');
    const { body } = await get(
      standIn,
      '/apis/autoscaling/v2/namespaces/demo/horizontalpodautoscalers',
    );
    const [hpa] = expectList(
      body,
      { group: 'autoscaling', apiVersion: 'v2' },
      'HorizontalPodAutoscaler',
    );
    expect(hpa.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 60 },
        },
      },
    ]);
    // minReplicas 3 scales the 2-replica Deployment up.
    expect(hpa.status).toMatchObject({
      currentReplicas: 3,
      desiredReplicas: 3,
    });
    expect(
      (await get(standIn, '/api/v1/namespaces/demo/pods')).body.items,
    ).toHaveLength(3);
  });
});
