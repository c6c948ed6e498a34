/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { DEFAULT_OBJECTS } from '@backstage/plugin-kubernetes-backend';
import { standInHarness, get, listPath } from './__testUtils__/harness';
import { demoManifests } from './testing';

describe('Kubernetes stand-in: apply and delete', () => {
  const { start } = standInHarness();

  it('deleteBySource removes what a source applied and what its controllers made, nothing else', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    await standIn.apply(
      demoManifests('other', { namespace: 'other' }),
      'other',
    );
    expect(await standIn.deleteBySource('demo')).toBe(5);
    for (const t of DEFAULT_OBJECTS) {
      const ns = await get(standIn, listPath(t, 'demo', ''));
      expect({ plural: t.plural, items: ns.body.items }).toEqual({
        plural: t.plural,
        items: [],
      });
    }
    expect(
      (await get(standIn, '/api/v1/namespaces/demo/events')).body.items,
    ).toEqual([]);
    expect(
      (await get(standIn, '/api/v1/namespaces/other/pods')).body.items,
    ).toHaveLength(2);
  });

  it('prunes objects a source no longer applies when asked to', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const withoutIngress = demoManifests('demo').filter(
      o => o.kind !== 'Ingress',
    );
    await standIn.apply(withoutIngress, 'demo');
    expect(
      (await get(standIn, '/apis/networking.k8s.io/v1/ingresses')).body.items,
    ).toHaveLength(1);
    await standIn.apply(withoutIngress, 'demo', { prune: true });
    expect(
      (await get(standIn, '/apis/networking.k8s.io/v1/ingresses')).body.items,
    ).toHaveLength(0);
    expect(
      (await get(standIn, '/apis/apps/v1/deployments')).body.items,
    ).toHaveLength(1);
  });

  it('rejects invalid manifests as a whole, naming the problem', async () => {
    const standIn = await start();
    const broken = demoManifests('demo');
    broken[1].spec.template.spec.containers[0].ports[0].containerPort =
      'eight-thousand';
    await expect(standIn.apply(broken, 'demo')).rejects.toThrow(
      /Deployment "demo" is invalid: .*containerPort must be integer/,
    );
    const mismatch = demoManifests('demo');
    mismatch[1].spec.selector.matchLabels = { app: 'something-else' };
    await expect(standIn.apply(mismatch, 'demo')).rejects.toThrow(
      /`selector` does not match template `labels`/,
    );
    await expect(
      standIn.apply([
        {
          apiVersion: 'batch/v1beta1',
          kind: 'CronJob',
          metadata: { name: 'x' },
          spec: {},
        },
      ]),
    ).rejects.toThrow(
      /no matches for kind "CronJob" in version "batch\/v1beta1"/,
    );
    await expect(
      standIn.apply([
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } },
      ]),
    ).rejects.toThrow(/RFC 1123/);
    // Nothing from the rejected batches was stored.
    expect((await get(standIn, '/api/v1/configmaps')).body.items).toEqual([]);
  });
});
