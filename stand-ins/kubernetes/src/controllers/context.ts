/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// What every simulated controller works with: the store and the cluster's
// shared operations, the resource types they handle, and helpers about the
// workloads they own.

import { BUILTIN_RESOURCES } from '../resources';
import { KubeObject, ObjectStore, StoredEntry } from '../store';
import { Condition, digest, safeEncode } from '../objects';

/** What a controller may do to the cluster (implemented by `Cluster`). */
export interface ControllerContext {
  readonly store: ObjectStore;
  /** AWS region in load balancer hostnames. */
  readonly region: string;
  /** Applies `mutate` and stores the object only when it changed. */
  update(entry: StoredEntry, mutate: (o: KubeObject) => void): void;
  /** Records an Event about `involved`. */
  event(
    involved: KubeObject,
    reason: string,
    message: string,
    component: string,
    kind?: 'Normal' | 'Warning',
    source?: string,
  ): void;
  /** Deletes an object and what it owns (the garbage collector's foreground cascade). */
  deleteCascading(entry: StoredEntry): void;
}

export const NODES = [
  { name: 'ip-10-0-1-23.ap-northeast-2.compute.internal', ip: '10.0.1.23' },
  { name: 'ip-10-0-2-57.ap-northeast-2.compute.internal', ip: '10.0.2.57' },
];

const type = (group: string, plural: string) =>
  BUILTIN_RESOURCES.find(r => r.group === group && r.plural === plural)!;
export const T = {
  pods: type('', 'pods'),
  services: type('', 'services'),
  events: type('', 'events'),
  deployments: type('apps', 'deployments'),
  replicasets: type('apps', 'replicasets'),
  statefulsets: type('apps', 'statefulsets'),
  daemonsets: type('apps', 'daemonsets'),
  hpas: type('autoscaling', 'horizontalpodautoscalers'),
  jobs: type('batch', 'jobs'),
  ingresses: type('networking.k8s.io', 'ingresses'),
};

export function templateHash(template: unknown) {
  return safeEncode(digest(template), 10);
}

/** The replicas a workload runs, clamped by an HPA that targets it. */
export function effectiveReplicas(
  ctx: ControllerContext,
  workload: KubeObject,
): number {
  const wanted = workload.spec?.replicas ?? 1;
  const hpa = ctx.store
    .list(T.hpas, workload.metadata.namespace)
    .find(
      h =>
        h.object.spec?.scaleTargetRef?.kind === workload.kind &&
        h.object.spec?.scaleTargetRef?.name === workload.metadata.name,
    );
  if (!hpa) return wanted;
  const min = hpa.object.spec.minReplicas ?? 1;
  const max = hpa.object.spec.maxReplicas ?? wanted;
  return Math.min(Math.max(wanted, min), max);
}

export function podsOf(ctx: ControllerContext, owner: KubeObject) {
  return ctx.store.ownedBy(owner.metadata.uid!).filter(e => e.type === T.pods);
}

export function podReady(pod: KubeObject) {
  return pod.status?.conditions?.some(
    (c: Condition) => c.type === 'Ready' && c.status === 'True',
  );
}
