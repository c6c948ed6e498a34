/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// DaemonSets: one pod on each node.

import { StoredEntry } from '../store';
import { randomSuffix } from '../objects';
import {
  ControllerContext,
  NODES,
  podReady,
  podsOf,
  templateHash,
} from './context';
import { createPod } from './pods';

export function reconcileDaemonSet(ctx: ControllerContext, entry: StoredEntry) {
  const ds = entry.object;
  const hash = templateHash(ds.spec.template ?? {});
  for (const pod of podsOf(ctx, ds)) {
    if (pod.object.metadata.labels?.['controller-revision-hash'] !== hash) {
      ctx.deleteCascading(pod);
    }
  }
  for (const node of NODES) {
    const onNode = podsOf(ctx, ds).some(
      p => p.object.spec?.nodeName === node.name,
    );
    if (!onNode) {
      const name = `${ds.metadata.name}-${randomSuffix()}`;
      createPod(
        ctx,
        ds,
        entry.source,
        name,
        ds.spec.template ?? {},
        {
          'controller-revision-hash': hash,
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        },
        node,
      );
      ctx.event(
        ds,
        'SuccessfulCreate',
        `Created pod: ${name}`,
        'daemonset-controller',
        'Normal',
        entry.source,
      );
    }
  }
  const pods = podsOf(ctx, ds).map(e => e.object);
  const ready = pods.filter(p => podReady(p)).length;
  ctx.update(entry, o => {
    o.status = {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: NODES.length,
      numberMisscheduled: 0,
      numberReady: ready,
      ...(ready && { numberAvailable: ready }),
      ...(pods.length - ready > 0 && {
        numberUnavailable: pods.length - ready,
      }),
      updatedNumberScheduled: pods.length,
      observedGeneration: o.metadata.generation,
    };
  });
}
