/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get, expectList } from '../__testUtils__/harness';

describe('Kubernetes stand-in: StatefulSets, DaemonSets and Jobs', () => {
  const { start } = standInHarness();

  it('runs StatefulSets, DaemonSets and Jobs with valid status', async () => {
    const standIn = await start();
    const labels = { 'backstage.io/kubernetes-id': 'batch' };
    const template = {
      metadata: { labels: { ...labels, app: 'batch' } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    };
    await standIn.apply(
      [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'db', labels },
          spec: {
            replicas: 2,
            serviceName: 'db',
            selector: { matchLabels: { app: 'batch' } },
            template,
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          metadata: { name: 'agent', labels },
          spec: { selector: { matchLabels: { app: 'batch' } }, template },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'migrate', labels },
          spec: {
            template: {
              ...template,
              spec: { ...template.spec, restartPolicy: 'Never' },
            },
          },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'nightly', labels },
          spec: {
            schedule: '0 3 * * *',
            jobTemplate: {
              spec: {
                template: {
                  ...template,
                  spec: { ...template.spec, restartPolicy: 'OnFailure' },
                },
              },
            },
          },
        },
      ],
      'batch',
    );
    const sel = `labelSelector=${encodeURIComponent(
      'backstage.io/kubernetes-id=batch',
    )}`;
    const [sts] = expectList(
      (await get(standIn, `/apis/apps/v1/statefulsets?${sel}`)).body,
      { group: 'apps', apiVersion: 'v1' },
      'StatefulSet',
    );
    expect(sts.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    const [ds] = expectList(
      (await get(standIn, `/apis/apps/v1/daemonsets?${sel}`)).body,
      { group: 'apps', apiVersion: 'v1' },
      'DaemonSet',
    );
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 2,
      numberReady: 2,
    });
    const [job] = expectList(
      (await get(standIn, `/apis/batch/v1/jobs?${sel}`)).body,
      { group: 'batch', apiVersion: 'v1' },
      'Job',
    );
    expect(job.status).toMatchObject({ succeeded: 1 });
    expect(job.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Complete', status: 'True' }),
    );
    expectList(
      (await get(standIn, `/apis/batch/v1/cronjobs?${sel}`)).body,
      { group: 'batch', apiVersion: 'v1' },
      'CronJob',
    );
    const pods = expectList(
      (await get(standIn, `/api/v1/pods?${sel}`)).body,
      { group: '', apiVersion: 'v1' },
      'Pod',
    );
    expect(pods.map((p: any) => p.metadata.name)).toEqual(
      expect.arrayContaining(['db-0', 'db-1']),
    );
    expect(
      pods.filter((p: any) => p.status.phase === 'Succeeded'),
    ).toHaveLength(1);
    expect(pods).toHaveLength(2 + 2 + 1);
  });
});
