/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// StatefulSets: pods named <name>-<index>, replaced when the template changes.

import { StoredEntry } from '../store';
import {
  ControllerContext,
  effectiveReplicas,
  podReady,
  podsOf,
  T,
  templateHash,
} from './context';
import { createPod } from './pods';

export function reconcileStatefulSet(
  ctx: ControllerContext,
  entry: StoredEntry,
) {
  const sts = entry.object;
  const replicas = effectiveReplicas(ctx, sts);
  const revision = `${sts.metadata.name}-${templateHash(
    sts.spec.template ?? {},
  )}`;
  const pods = podsOf(ctx, sts);
  for (const pod of pods) {
    const index = Number(
      pod.object.metadata.labels?.['apps.kubernetes.io/pod-index'],
    );
    if (
      index >= replicas ||
      pod.object.metadata.labels?.['controller-revision-hash'] !== revision
    ) {
      ctx.deleteCascading(pod);
      ctx.event(
        sts,
        'SuccessfulDelete',
        `delete Pod ${pod.object.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
        'statefulset-controller',
        'Normal',
        entry.source,
      );
    }
  }
  for (let i = 0; i < replicas; i++) {
    const name = `${sts.metadata.name}-${i}`;
    if (!ctx.store.get(T.pods, sts.metadata.namespace, name)) {
      createPod(ctx, sts, entry.source, name, sts.spec.template ?? {}, {
        'controller-revision-hash': revision,
        'apps.kubernetes.io/pod-index': String(i),
        'statefulset.kubernetes.io/pod-name': name,
      });
      ctx.event(
        sts,
        'SuccessfulCreate',
        `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
        'statefulset-controller',
        'Normal',
        entry.source,
      );
    }
  }
  const current = podsOf(ctx, sts).map(e => e.object);
  const ready = current.filter(p => podReady(p)).length;
  ctx.update(entry, o => {
    o.status = {
      observedGeneration: o.metadata.generation,
      replicas: current.length,
      ...(ready && { readyReplicas: ready }),
      availableReplicas: ready,
      currentReplicas: current.length,
      updatedReplicas: current.length,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    };
  });
}
