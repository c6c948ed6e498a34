/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { standInHarness, get } from '../__testUtils__/harness';

describe('Kubernetes stand-in: discovery', () => {
  const { start } = standInHarness();

  it('serves discovery for the client and the proxy', async () => {
    const standIn = await start();
    const api = await get(standIn, '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = await get(standIn, '/apis');
    expect(apis.body.kind).toBe('APIGroupList');
    const groupNames = apis.body.groups.map((g: any) => g.name);
    expect(groupNames).toEqual(
      expect.arrayContaining([
        'apps',
        'autoscaling',
        'batch',
        'networking.k8s.io',
        'metrics.k8s.io',
      ]),
    );
    expect(
      apis.body.groups.find((g: any) => g.name === 'autoscaling')
        .preferredVersion,
    ).toEqual({
      groupVersion: 'autoscaling/v2',
      version: 'v2',
    });
    const core = await get(standIn, '/api/v1');
    expect(core.body).toMatchObject({
      kind: 'APIResourceList',
      groupVersion: 'v1',
    });
    expect(core.body.resources.map((r: any) => r.name)).toEqual(
      expect.arrayContaining(['pods', 'pods/log', 'services', 'events']),
    );
    const apps = await get(standIn, '/apis/apps/v1');
    expect(
      apps.body.resources.find((r: any) => r.name === 'deployments'),
    ).toMatchObject({
      kind: 'Deployment',
      namespaced: true,
      verbs: expect.arrayContaining(['list', 'get']),
    });
  });
});
