/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get, SELECTOR } from '../__testUtils__/harness';
import { demoManifests, expectValidObject } from '../testing';

describe('Kubernetes stand-in: Deployments', () => {
  const { start } = standInHarness();

  it('runs a Deployment as a ReplicaSet and ready, running pods', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');

    const deployments = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/deployments')
    ).body.items;
    expect(deployments).toHaveLength(1);
    const [deployment] = deployments;
    expect(deployment.metadata.generation).toBe(1);
    expect(deployment.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    expect(deployment.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
        }),
        expect.objectContaining({
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
        }),
      ]),
    );

    const [rs] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/replicasets')
    ).body.items;
    const hash = rs.metadata.labels['pod-template-hash'];
    expect(hash).toMatch(/^[a-z0-9]{6,10}$/);
    expect(rs.metadata.name).toBe(`demo-${hash}`);
    expect(rs.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'demo',
        uid: deployment.metadata.uid,
        controller: true,
      }),
    ]);
    expect(rs.metadata.annotations['deployment.kubernetes.io/revision']).toBe(
      '1',
    );
    expect(rs.spec.selector.matchLabels).toEqual({
      app: 'demo',
      'pod-template-hash': hash,
    });
    expect(rs.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });

    const pods = (
      await get(
        standIn,
        `/api/v1/namespaces/demo/pods?labelSelector=${encodeURIComponent(
          SELECTOR,
        )}`,
      )
    ).body.items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^demo-${hash}-[a-z0-9]{5}$`),
      );
      expect(pod.metadata.labels['pod-template-hash']).toBe(hash);
      expect(pod.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid,
        }),
      ]);
      expect(pod.status.phase).toBe('Running');
      expect(pod.status.podIP).toMatch(/^10\.0\.\d+\.\d+$/);
      expect(pod.status.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'Ready', status: 'True' }),
        ]),
      );
      expect(pod.status.containerStatuses).toEqual([
        expect.objectContaining({
          name: 'app',
          image: '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/demo:1.0.0',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: expect.any(String) } },
        }),
      ]);
      expect(pod.spec.nodeName).toMatch(/\.compute\.internal$/);
    }

    const [service] = (await get(standIn, '/api/v1/namespaces/demo/services'))
      .body.items;
    expect(service.spec.clusterIP).toMatch(/^172\.20\.\d+\.\d+$/);
    expect(service.spec.ports[0]).toMatchObject({
      port: 80,
      targetPort: 'http',
      protocol: 'TCP',
    });
    const [ingress] = (
      await get(standIn, '/apis/networking.k8s.io/v1/namespaces/demo/ingresses')
    ).body.items;
    expect(ingress.status.loadBalancer.ingress[0].hostname).toMatch(
      /^k8s-demo-demo-[0-9a-f]{10}-\d+\.ap-northeast-2\.elb\.amazonaws\.com$/,
    );
    const [hpa] = (
      await get(
        standIn,
        '/apis/autoscaling/v2/namespaces/demo/horizontalpodautoscalers',
      )
    ).body.items;
    expect(hpa.status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 2,
    });
    expect(hpa.status.currentMetrics[0].resource).toMatchObject({
      name: 'cpu',
      current: { averageUtilization: expect.any(Number) },
    });

    // Single objects carry apiVersion and kind and validate too.
    const single = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pods[0].metadata.name}`,
    );
    expect(single.body).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expectValidObject(single.body);
    // Pod metrics for the backend's usage columns.
    const metrics = await get(
      standIn,
      `/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods?labelSelector=${encodeURIComponent(
        SELECTOR,
      )}`,
    );
    expect(metrics.status).toBe(200);
    expect(metrics.body.kind).toBe('PodMetricsList');
    expect(metrics.body.items.map((m: any) => m.metadata.name).sort()).toEqual(
      pods.map((p: any) => p.metadata.name).sort(),
    );
    expect(metrics.body.items[0].containers[0].usage).toEqual({
      cpu: expect.stringMatching(/^\d+n$/),
      memory: expect.stringMatching(/^\d+Ki$/),
    });
  });

  it('rolls a Deployment to a new ReplicaSet when the image changes', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const [oldRs] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/replicasets')
    ).body.items;

    await standIn.apply(
      demoManifests('demo', { image: 'ghcr.io/acme/demo:2.0.0' }),
      'demo',
    );
    const sets = (
      await get(
        standIn,
        `/apis/apps/v1/namespaces/demo/replicasets?labelSelector=${encodeURIComponent(
          SELECTOR,
        )}`,
      )
    ).body.items;
    expect(sets).toHaveLength(2);
    const newRs = sets.find((r: any) => r.metadata.uid !== oldRs.metadata.uid);
    const keptOld = sets.find(
      (r: any) => r.metadata.uid === oldRs.metadata.uid,
    );
    expect(newRs.metadata.name).not.toBe(oldRs.metadata.name);
    expect(
      newRs.metadata.annotations['deployment.kubernetes.io/revision'],
    ).toBe('2');
    expect(newRs.spec.replicas).toBe(2);
    expect(keptOld.spec.replicas).toBe(0);
    expect(keptOld.status.replicas).toBe(0);

    const pods = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.ownerReferences[0].uid).toBe(newRs.metadata.uid);
      expect(pod.status.containerStatuses[0].image).toBe(
        'ghcr.io/acme/demo:2.0.0',
      );
    }
    const [d] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/deployments')
    ).body.items;
    expect(d.metadata.generation).toBe(2);
    expect(d.status).toMatchObject({
      observedGeneration: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
    });
    expect(d.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/acme/demo:2.0.0',
    );

    const events = (
      await get(
        standIn,
        `/api/v1/namespaces/demo/events?fieldSelector=${encodeURIComponent(
          'involvedObject.name=demo,involvedObject.kind=Deployment',
        )}`,
      )
    ).body;
    expect(events.kind).toBe('EventList');
    for (const e of events.items) expectValidObject(e, 'v1', 'Event');
    expect(events.items.map((e: any) => e.message)).toEqual(
      expect.arrayContaining([
        `Scaled up replica set ${oldRs.metadata.name} from 0 to 2`,
        `Scaled up replica set ${newRs.metadata.name} from 0 to 2`,
        `Scaled down replica set ${oldRs.metadata.name} from 2 to 0`,
      ]),
    );
  });
});
