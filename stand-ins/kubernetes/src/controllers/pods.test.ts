/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { POD_STATE_ANNOTATION } from '../cluster';
import { standInHarness, get } from '../__testUtils__/harness';
import { demoManifests, expectValidObject } from '../testing';

describe('Kubernetes stand-in: pods', () => {
  const { start } = standInHarness();

  it('simulates a crash-looping workload when its pod template asks for it', async () => {
    const standIn = await start();
    const manifests = demoManifests('demo');
    manifests[1].spec.template.metadata.annotations = {
      [POD_STATE_ANNOTATION]: 'crash-loop',
    };
    await standIn.apply(manifests, 'demo');
    const pods = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expectValidObject(pod, 'v1', 'Pod');
      const [cs] = pod.status.containerStatuses;
      expect(cs).toMatchObject({
        ready: false,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
      });
      expect(cs.restartCount).toBeGreaterThan(0);
      expect(cs.lastState.terminated).toMatchObject({
        exitCode: 1,
        reason: 'Error',
      });
    }
    const [d] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/deployments')
    ).body.items;
    expect(d.status.readyReplicas).toBeUndefined();
    expect(d.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
      }),
    );
    const previous = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pods[0].metadata.name}/log?container=app&previous=`,
    );
    expect(previous.status).toBe(200);
    expect(previous.body).toContain(
      'ERROR:    Application startup failed. Exiting.',
    );
    const events = (
      await get(
        standIn,
        `/api/v1/namespaces/demo/events?fieldSelector=involvedObject.name=${pods[0].metadata.name}`,
      )
    ).body.items;
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'BackOff' }),
    );
  });
});
