/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get, TOKEN } from '../__testUtils__/harness';
import { demoManifests } from '../testing';

describe('Kubernetes stand-in: pod logs', () => {
  const { start } = standInHarness();

  it('serves pod logs and replaces a deleted pod', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const [pod] = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    const logs = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=app`,
    );
    expect(logs.status).toBe(200);
    expect(logs.body).toContain(
      'INFO:     Uvicorn running on http://0.0.0.0:8000',
    );
    const tail = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=app&tailLines=1`,
    );
    expect(tail.body.trim().split('\n')).toHaveLength(1);
    const wrong = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=nope`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe(
      `container nope is not valid for pod ${pod.metadata.name}`,
    );
    const previous = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=app&previous=`,
    );
    expect(previous.status).toBe(400);

    const del = await fetch(
      `${standIn.url}/api/v1/namespaces/demo/pods/${pod.metadata.name}`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TOKEN}` },
      },
    );
    expect(del.status).toBe(200);
    const pods = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    expect(pods).toHaveLength(2);
    expect(pods.map((p: any) => p.metadata.name)).not.toContain(
      pod.metadata.name,
    );
  });
});
