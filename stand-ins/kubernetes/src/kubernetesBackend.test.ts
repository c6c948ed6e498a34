/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Integration: Backstage's real Kubernetes backend (the plugin the portal
 * runs) against the stand-in, through its HTTP API.
 */

import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { KubernetesStandIn, createKubernetesStandIn } from './standIn';
import {
  demoManifests,
  expectValidObject,
  tempDir,
  removeTempDirs,
} from './testing';

afterAll(() => removeTempDirs());

const TOKEN = 'integration-token';

// The first backend start loads the whole plugin; give it time on a 2-core box.
jest.setTimeout(60_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'demo',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'demo' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

describe('Backstage Kubernetes backend against the stand-in', () => {
  let standIn: KubernetesStandIn;
  let offlineUrl: string;

  beforeAll(async () => {
    // The Kubernetes backend loads @kubernetes/client-node (ESM) with import();
    // under jest that needs Node's VM modules, as in the plugin's own tests.
    if (
      !`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(
        ' ',
      )}`.includes('--experimental-vm-modules')
    ) {
      throw new Error(
        "The Kubernetes backend needs Node VM modules under jest: run with NODE_OPTIONS=--experimental-vm-modules (the package's test script sets it; so must the repo-wide test command)",
      );
    }
    standIn = await createKubernetesStandIn({
      port: 0,
      token: TOKEN,
      dataDir: tempDir(),
    });
    await standIn.apply(demoManifests('demo'), 'demo');
    await standIn.apply(
      demoManifests('other', { namespace: 'other' }),
      'other',
    );
    offlineUrl = `http://127.0.0.1:${await closedPort()}`;
  });

  afterAll(async () => {
    await standIn?.stop();
  });

  afterEach(() => standIn?.deny([]));

  async function startBackend(
    clusters: Array<{ name: string; url: string; token: string }>,
  ) {
    const { server } = await startTestBackend({
      features: [
        import('@backstage/plugin-kubernetes-backend'),
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: clusters.map(c => ({
                    name: c.name,
                    url: c.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: c.token,
                    skipTLSVerify: true,
                  })),
                },
              ],
            },
          },
        }),
      ],
    });
    return server;
  }

  const byType = (cluster: any) =>
    Object.fromEntries(
      cluster.resources.map((r: any) => [r.type, r.resources]),
    ) as Record<string, any[]>;

  it('returns the Deployment and its ready pods for an annotated entity; an unreachable cluster is a per-cluster error', async () => {
    const server = await startBackend([
      { name: 'sandbox', url: standIn.url, token: TOKEN },
      { name: 'offline', url: offlineUrl, token: TOKEN },
    ]);

    const res = await request(server)
      .post('/api/kubernetes/services/demo')
      .send({ entity });
    expect(res.status).toBe(200);
    const clusters = res.body.items;
    expect(clusters.map((c: any) => c.cluster.name).sort()).toEqual([
      'offline',
      'sandbox',
    ]);

    const sandbox = clusters.find((c: any) => c.cluster.name === 'sandbox');
    expect(sandbox.errors).toEqual([]);
    const resources = byType(sandbox);
    expect(resources.deployments.map((d: any) => d.metadata.name)).toEqual([
      'demo',
    ]);
    expect(resources.deployments[0].status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    expect(resources.pods).toHaveLength(2);
    for (const pod of resources.pods) {
      expectValidObject(pod, 'v1', 'Pod');
      expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe('demo');
      expect(pod.status.phase).toBe('Running');
      expect(pod.status.containerStatuses[0]).toMatchObject({
        ready: true,
        restartCount: 0,
      });
    }
    expect(resources.replicasets).toHaveLength(1);
    expect(resources.services.map((s: any) => s.metadata.name)).toEqual([
      'demo',
    ]);
    expect(
      resources.ingresses[0].status.loadBalancer.ingress[0].hostname,
    ).toMatch(/\.ap-northeast-2\.elb\.amazonaws\.com$/);
    expect(resources.horizontalpodautoscalers).toHaveLength(1);
    expect(resources.configmaps).toHaveLength(1);
    // Nothing of the other workload leaks in.
    expect(
      Object.values(resources)
        .flat()
        .every((o: any) => o.metadata.namespace === 'demo'),
    ).toBe(true);
    // Pod metrics came from the stand-in's metrics.k8s.io.
    expect(sandbox.podMetrics).toHaveLength(2);
    expect(sandbox.podMetrics[0].cpu.currentUsage).toBeGreaterThan(0);

    const offline = clusters.find((c: any) => c.cluster.name === 'offline');
    expect(offline.resources).toEqual([]);
    expect(offline.errors).toEqual([
      expect.objectContaining({
        errorType: 'FETCH_ERROR',
        message: expect.stringContaining('ECONNREFUSED'),
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);

    // The same through the entity-ref query the new frontend uses.
    const workloads = await request(server)
      .post('/api/kubernetes/resources/workloads/query')
      .send({ entityRef: 'component:default/demo', auth: {} });
    expect(workloads.status).toBe(200);
    const sandbox2 = workloads.body.items.find(
      (c: any) => c.cluster.name === 'sandbox',
    );
    expect(byType(sandbox2).pods).toHaveLength(2);
  });

  it('reports a wrong token as UNAUTHORIZED and missing RBAC as 403 per resource, still returning what it may read', async () => {
    const server = await startBackend([
      { name: 'sandbox', url: standIn.url, token: TOKEN },
      { name: 'expired', url: standIn.url, token: 'expired-token' },
    ]);
    standIn.deny(['deployments.apps']);

    const res = await request(server)
      .post('/api/kubernetes/services/demo')
      .send({ entity });
    expect(res.status).toBe(200);
    const sandbox = res.body.items.find(
      (c: any) => c.cluster.name === 'sandbox',
    );
    expect(sandbox.errors).toEqual([
      {
        errorType: 'UNKNOWN_ERROR',
        statusCode: 403,
        resourcePath: '/apis/apps/v1/deployments',
      },
    ]);
    expect(byType(sandbox).pods).toHaveLength(2);
    expect(byType(sandbox).deployments).toBeUndefined();

    const expired = res.body.items.find(
      (c: any) => c.cluster.name === 'expired',
    );
    expect(expired.errors.length).toBeGreaterThanOrEqual(13);
    for (const e of expired.errors) {
      expect(e).toMatchObject({
        errorType: 'UNAUTHORIZED_ERROR',
        statusCode: 401,
      });
    }
  });

  it('serves pod logs and events through the backend proxy the Kubernetes tab uses', async () => {
    const server = await startBackend([
      { name: 'sandbox', url: standIn.url, token: TOKEN },
    ]);
    const pods = await request(server)
      .post('/api/kubernetes/services/demo')
      .send({ entity });
    const podName = byType(pods.body.items[0]).pods[0].metadata.name;

    const logs = await request(server)
      .get(
        `/api/kubernetes/proxy/api/v1/namespaces/demo/pods/${podName}/log?container=app`,
      )
      .set('Backstage-Kubernetes-Cluster', 'sandbox');
    expect(logs.status).toBe(200);
    expect(logs.text).toContain('Application startup complete.');

    const events = await request(server)
      .get(
        `/api/kubernetes/proxy/api/v1/namespaces/demo/events?fieldSelector=involvedObject.name=${podName}`,
      )
      .set('Backstage-Kubernetes-Cluster', 'sandbox');
    expect(events.status).toBe(200);
    expect(events.body.kind).toBe('EventList');
    expect(events.body.items.map((e: any) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']),
    );
  });
});
