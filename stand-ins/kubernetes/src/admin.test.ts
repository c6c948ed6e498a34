/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get, TOKEN } from './__testUtils__/harness';
import { demoManifests } from './testing';

describe('Kubernetes stand-in: admin endpoints', () => {
  const { start } = standInHarness();

  it('applies through POST /_standin/apply and removes through DELETE /_standin/sources/{source}', async () => {
    const standIn = await start();
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    };
    const objects = demoManifests('demo').map(o => {
      const { namespace: _ns, ...metadata } = o.metadata;
      return { ...o, metadata };
    });
    const res = await fetch(`${standIn.url}/_standin/apply`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        objects,
        source: 'demo-app',
        namespace: 'team-a',
      }),
    });
    expect(res.status).toBe(200);
    const { applied } = await res.json();
    expect(applied).toContainEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'team-a',
      name: 'demo',
    });
    expect(
      (await get(standIn, '/api/v1/namespaces/team-a/pods')).body.items,
    ).toHaveLength(2);

    const bad = await fetch(`${standIn.url}/_standin/apply`, {
      method: 'POST',
      headers,
      body: '[{"kind":"Pod"}]',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('apiVersion is required');

    const del = await fetch(`${standIn.url}/_standin/sources/demo-app`, {
      method: 'DELETE',
      headers,
    });
    expect(await del.json()).toEqual({ deleted: 5 });
    expect(
      (await get(standIn, '/api/v1/namespaces/team-a/pods')).body.items,
    ).toEqual([]);
  });
});
