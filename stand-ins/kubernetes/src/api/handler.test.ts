/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { DEFAULT_OBJECTS } from '@backstage/plugin-kubernetes-backend';
import {
  standInHarness,
  get,
  listPath,
  expectList,
  KINDS,
  APPLIED,
  TOKEN,
  SELECTOR,
} from '../__testUtils__/harness';
import { demoManifests } from '../testing';

describe('Kubernetes stand-in: lists, objects and selectors', () => {
  const { start } = standInHarness();

  it('answers every list the Kubernetes backend makes, cluster-wide and namespaced, with valid objects', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    await standIn.apply(
      demoManifests('other', { namespace: 'other' }),
      'other',
    );

    expect(DEFAULT_OBJECTS.map(o => o.plural).sort()).toEqual(
      Object.keys(KINDS).sort(),
    );
    for (const t of DEFAULT_OBJECTS) {
      for (const namespace of [undefined, 'demo']) {
        const { status, body } = await get(standIn, listPath(t, namespace));
        expect({ path: listPath(t, namespace), status }).toEqual({
          path: listPath(t, namespace),
          status: 200,
        });
        const items = expectList(body, t, KINDS[t.plural]);
        expect({ plural: t.plural, found: items.length > 0 }).toEqual({
          plural: t.plural,
          found: APPLIED.includes(t.plural),
        });
        for (const item of items) {
          expect(item.metadata.namespace).toBe('demo');
          expect(item.metadata.labels['backstage.io/kubernetes-id']).toBe(
            'demo',
          );
          expect(item.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
          expect(item.metadata.creationTimestamp).toMatch(
            /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
          );
          expect(item.metadata.resourceVersion).toMatch(/^\d+$/);
        }
      }
    }
    // The other namespace's objects are there too, under their own label.
    const { body } = await get(
      standIn,
      listPath(
        { group: 'apps', apiVersion: 'v1', plural: 'deployments' },
        undefined,
        'backstage.io/kubernetes-id=other',
      ),
    );
    expect(body.items.map((d: any) => d.metadata.namespace)).toEqual(['other']);
  });

  it('filters by equality and set-based label selectors, and rejects malformed ones', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    await standIn.apply(
      demoManifests('other', { namespace: 'other' }),
      'other',
    );
    const names = async (selector: string) =>
      (
        await get(
          standIn,
          `/apis/apps/v1/deployments?labelSelector=${encodeURIComponent(
            selector,
          )}`,
        )
      ).body.items
        .map((d: any) => d.metadata.name)
        .sort();

    expect(await names('backstage.io/kubernetes-id=demo')).toEqual(['demo']);
    expect(await names('backstage.io/kubernetes-id==demo')).toEqual(['demo']);
    expect(await names('backstage.io/kubernetes-id!=demo')).toEqual(['other']);
    expect(await names('backstage.io/kubernetes-id in (demo, other)')).toEqual([
      'demo',
      'other',
    ]);
    expect(await names('backstage.io/kubernetes-id notin (demo)')).toEqual([
      'other',
    ]);
    expect(await names('backstage.io/kubernetes-id,app=other')).toEqual([
      'other',
    ]);
    expect(await names('!backstage.io/kubernetes-id')).toEqual([]);
    expect(await names('backstage.io/kubernetes-id=unknown')).toEqual([]);
    expect(await names('')).toEqual(['demo', 'other']);

    const bad = await get(
      standIn,
      `/api/v1/pods?labelSelector=${encodeURIComponent('app in (demo')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('answers an unknown label with an empty list, not an error', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const { status, body } = await get(
      standIn,
      `/api/v1/pods?labelSelector=${encodeURIComponent(
        'backstage.io/kubernetes-id=nope',
      )}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'PodList',
      apiVersion: 'v1',
      items: [],
    });
  });

  it('answers unknown resources and objects with a 404 Status', async () => {
    const standIn = await start();
    const unknownType = await get(standIn, '/apis/example.com/v1/widgets');
    expect(unknownType.status).toBe(404);
    expect(unknownType.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
    const unknownPod = await get(standIn, '/api/v1/namespaces/demo/pods/nope');
    expect(unknownPod.status).toBe(404);
    expect(unknownPod.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nope" not found',
      details: { name: 'nope', kind: 'pods', group: '' },
    });
    const write = await fetch(`${standIn.url}/api/v1/namespaces/demo/pods`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(write.status).toBe(405);
  });

  it('stores and lists custom resources under their group, with kind on each item', async () => {
    const standIn = await start();
    await standIn.apply(
      [
        {
          apiVersion: 'external-secrets.io/v1beta1',
          kind: 'ExternalSecret',
          metadata: {
            name: 'demo-db',
            namespace: 'demo',
            labels: { 'backstage.io/kubernetes-id': 'demo' },
          },
          spec: { secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' } },
        },
      ],
      'demo',
    );
    const { status, body } = await get(
      standIn,
      `/apis/external-secrets.io/v1beta1/namespaces/demo/externalsecrets?labelSelector=${encodeURIComponent(
        SELECTOR,
      )}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'ExternalSecretList',
      apiVersion: 'external-secrets.io/v1beta1',
    });
    expect(body.items).toEqual([
      expect.objectContaining({
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: expect.objectContaining({ name: 'demo-db', generation: 1 }),
      }),
    ]);
    const groups = (await get(standIn, '/apis')).body.groups.map(
      (g: any) => g.name,
    );
    expect(groups).toContain('external-secrets.io');
  });
});
