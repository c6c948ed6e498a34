/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// ReplicaSets: as many pods as replicas.

import { StoredEntry } from '../store';
import { randomSuffix } from '../objects';
import { ControllerContext, podReady, podsOf } from './context';
import { createPod } from './pods';

export function reconcileReplicaSet(
  ctx: ControllerContext,
  entry: StoredEntry,
) {
  const rs = entry.object;
  const desired = rs.spec?.replicas ?? 1;
  const pods = podsOf(ctx, rs);
  for (let i = pods.length; i < desired; i++) {
    const name = `${rs.metadata.name}-${randomSuffix()}`;
    createPod(ctx, rs, entry.source, name, rs.spec.template ?? {}, {});
    ctx.event(
      rs,
      'SuccessfulCreate',
      `Created pod: ${name}`,
      'replicaset-controller',
      'Normal',
      entry.source,
    );
  }
  for (const pod of pods.slice(desired)) {
    ctx.deleteCascading(pod);
    ctx.event(
      rs,
      'SuccessfulDelete',
      `Deleted pod: ${pod.object.metadata.name}`,
      'replicaset-controller',
      'Normal',
      entry.source,
    );
  }
  const current = podsOf(ctx, rs).map(e => e.object);
  const ready = current.filter(p => podReady(p)).length;
  ctx.update(entry, o => {
    o.status = {
      replicas: current.length,
      ...(current.length && { fullyLabeledReplicas: current.length }),
      ...(ready && { readyReplicas: ready, availableReplicas: ready }),
      observedGeneration: o.metadata.generation ?? 1,
    };
  });
}
