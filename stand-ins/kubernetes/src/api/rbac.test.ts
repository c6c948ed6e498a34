/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get, TOKEN } from '../__testUtils__/harness';
import { demoManifests } from '../testing';

describe('Kubernetes stand-in: RBAC', () => {
  const { start } = standInHarness();

  it('answers a denied resource with an RBAC-style 403 Status, leaving others readable', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    standIn.deny(['deployments.apps']);

    const clusterWide = await get(standIn, '/apis/apps/v1/deployments');
    expect(clusterWide.status).toBe(403);
    expect(clusterWide.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      details: { group: 'apps', kind: 'deployments' },
      message:
        'deployments.apps is forbidden: User "system:serviceaccount:launchpad:launchpad-portal" cannot list resource "deployments" in API group "apps" at the cluster scope',
    });
    const namespaced = await get(
      standIn,
      '/apis/apps/v1/namespaces/demo/deployments',
    );
    expect(namespaced.body.message).toContain('in the namespace "demo"');
    expect((await get(standIn, '/api/v1/pods')).status).toBe(200);

    // The same through the admin endpoint, for the running sandbox.
    const put = await fetch(`${standIn.url}/_standin/denied`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(['pods']),
    });
    expect(put.status).toBe(200);
    expect((await get(standIn, '/apis/apps/v1/deployments')).status).toBe(200);
    const pods = await get(standIn, '/api/v1/namespaces/demo/pods');
    expect(pods.status).toBe(403);
    expect(pods.body.message).toBe(
      'pods is forbidden: User "system:serviceaccount:launchpad:launchpad-portal" cannot list resource "pods" in API group "" in the namespace "demo"',
    );

    // Logs are their own resource: readable while pods are denied, and deniable alone.
    standIn.deny(['pods/log']);
    const podName = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items[0].metadata.name;
    const log = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${podName}/log?container=app`,
    );
    expect(log.status).toBe(403);
    expect(log.body.message).toBe(
      `pods "${podName}" is forbidden: User "system:serviceaccount:launchpad:launchpad-portal" cannot get resource "pods/log" in API group "" in the namespace "demo"`,
    );
    standIn.deny(['pods']);
    expect(
      (
        await get(
          standIn,
          `/api/v1/namespaces/demo/pods/${podName}/log?container=app`,
        )
      ).status,
    ).toBe(200);
  });
});
