/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get, TOKEN } from './__testUtils__/harness';
import { demoManifests, tempDir } from './testing';

describe('Kubernetes stand-in', () => {
  const { start, running } = standInHarness();

  it('refuses a missing or wrong bearer token with a 401 Status, but serves /version', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    for (const token of ['wrong-token', '', null]) {
      const { status, body } = await get(standIn, '/api/v1/pods', token);
      expect(status).toBe(401);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }
    const admin = await fetch(`${standIn.url}/_standin/apply`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer wrong',
        'content-type': 'application/json',
      },
      body: '[]',
    });
    expect(admin.status).toBe(401);
    const version = await get(standIn, '/version', null);
    expect(version.status).toBe(200);
    expect(version.body).toMatchObject({
      major: '1',
      minor: '32',
      gitVersion: expect.stringMatching(/^v1\.32\./),
    });
  });

  it('keeps its state across a restart', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    await first.apply(demoManifests('demo'), 'demo');
    const before = (await get(first, '/api/v1/pods')).body.items;
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(dataDir);
    const after = (await get(second, '/api/v1/pods')).body.items;
    expect(after.map((p: any) => [p.metadata.name, p.metadata.uid])).toEqual(
      before.map((p: any) => [p.metadata.name, p.metadata.uid]),
    );
    // Re-applying the same manifests after the restart changes nothing.
    await second.apply(demoManifests('demo'), 'demo');
    const again = (await get(second, '/api/v1/pods')).body.items;
    expect(again.map((p: any) => p.metadata.uid)).toEqual(
      after.map((p: any) => p.metadata.uid),
    );
    const [d] = (await get(second, '/apis/apps/v1/deployments')).body.items;
    expect(d.metadata.generation).toBe(1);
  });
});
