/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Deployments: a ReplicaSet per pod template (rolling to a new one when the template changes) and the status and conditions kubectl shows.

import { randomUUID } from 'node:crypto';
import { KubeObject, StoredEntry } from '../store';
import { now, ownerRef, withCondition } from '../objects';
import {
  ControllerContext,
  effectiveReplicas,
  T,
  templateHash,
} from './context';

export function reconcileDeployment(
  ctx: ControllerContext,
  entry: StoredEntry,
) {
  const d = entry.object;
  const replicas = effectiveReplicas(ctx, d);
  if (d.spec.replicas !== replicas) {
    ctx.update(entry, o => {
      o.spec.replicas = replicas;
    });
  }
  const template = d.spec.template ?? {};
  const hash = templateHash(template);
  const owned = ctx.store
    .ownedBy(d.metadata.uid!)
    .filter(e => e.type === T.replicasets);
  const revisionOf = (e: StoredEntry) =>
    Number(
      e.object.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0,
    );
  const maxRevision = owned.reduce((m, e) => Math.max(m, revisionOf(e)), 0);
  let current = owned.find(
    e => e.object.metadata.labels?.['pod-template-hash'] === hash,
  );
  const annotations = (revision: number) => ({
    ...(template.metadata?.annotations ?? {}),
    'deployment.kubernetes.io/desired-replicas': String(replicas),
    'deployment.kubernetes.io/max-replicas': String(
      replicas + Math.max(1, Math.ceil(replicas * 0.25)),
    ),
    'deployment.kubernetes.io/revision': String(revision),
  });
  if (!current) {
    const rsName = `${d.metadata.name}-${hash}`;
    const labels = {
      ...(template.metadata?.labels ?? {}),
      'pod-template-hash': hash,
    };
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: d.metadata.namespace,
        uid: randomUUID(),
        generation: 1,
        creationTimestamp: now(),
        labels,
        annotations: annotations(maxRevision + 1),
        ownerReferences: [ownerRef(d)],
      },
      spec: {
        replicas,
        selector: {
          ...d.spec.selector,
          matchLabels: {
            ...(d.spec.selector?.matchLabels ?? {}),
            'pod-template-hash': hash,
          },
        },
        template: {
          ...template,
          metadata: { ...(template.metadata ?? {}), labels },
        },
      },
    };
    ctx.store.put(T.replicasets, rs, entry.source);
    current = ctx.store.get(T.replicasets, rs.metadata.namespace, rsName)!;
    ctx.event(
      d,
      'ScalingReplicaSet',
      `Scaled up replica set ${rsName} from 0 to ${replicas}`,
      'deployment-controller',
      'Normal',
      entry.source,
    );
  } else {
    const cur = current;
    const revision =
      revisionOf(cur) === maxRevision ? maxRevision : maxRevision + 1;
    const from = cur.object.spec.replicas ?? 0;
    ctx.update(cur, rs => {
      rs.spec.replicas = replicas;
      if (rs.metadata.generation !== undefined && from !== replicas) {
        rs.metadata.generation += 1;
      }
      rs.metadata.annotations = annotations(revision);
    });
    if (from !== replicas) {
      ctx.event(
        d,
        'ScalingReplicaSet',
        `Scaled ${from < replicas ? 'up' : 'down'} replica set ${
          cur.object.metadata.name
        } from ${from} to ${replicas}`,
        'deployment-controller',
        'Normal',
        entry.source,
      );
    }
  }
  const old = owned.filter(e => e !== current);
  for (const rs of old) {
    const from = rs.object.spec.replicas ?? 0;
    if (from !== 0) {
      ctx.update(rs, o => {
        o.spec.replicas = 0;
        o.metadata.generation = (o.metadata.generation ?? 1) + 1;
      });
      ctx.event(
        d,
        'ScalingReplicaSet',
        `Scaled down replica set ${rs.object.metadata.name} from ${from} to 0`,
        'deployment-controller',
        'Normal',
        entry.source,
      );
    }
  }
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const byAge = old.sort((a, b) => revisionOf(a) - revisionOf(b));
  while (byAge.length > limit) ctx.deleteCascading(byAge.shift()!);
}

export function deploymentStatus(ctx: ControllerContext, entry: StoredEntry) {
  const d = entry.object;
  const hash = templateHash(d.spec.template ?? {});
  const owned = ctx.store
    .ownedBy(d.metadata.uid!)
    .filter(e => e.type === T.replicasets);
  const current = owned.find(
    e => e.object.metadata.labels?.['pod-template-hash'] === hash,
  );
  const sum = (f: string) =>
    owned.reduce((n, e) => n + (e.object.status?.[f] ?? 0), 0);
  const replicas = sum('replicas');
  const ready = sum('readyReplicas');
  const available = sum('availableReplicas');
  const updated = current?.object.status?.replicas ?? 0;
  const desired = d.spec.replicas ?? 1;
  const minAvailable = desired - Math.floor(desired * 0.25);
  ctx.update(entry, o => {
    let conditions = withCondition(
      o.status?.conditions,
      available >= minAvailable
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
      true,
    );
    conditions = withCondition(
      conditions,
      current && available >= desired
        ? {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${current.object.metadata.name}" has successfully progressed.`,
          }
        : {
            type: 'Progressing',
            status: 'True',
            reason: 'ReplicaSetUpdated',
            message: `ReplicaSet "${current?.object.metadata.name}" is progressing.`,
          },
      true,
    );
    o.status = {
      observedGeneration: o.metadata.generation,
      ...(replicas && { replicas }),
      ...(updated && { updatedReplicas: updated }),
      ...(ready && { readyReplicas: ready }),
      ...(available && { availableReplicas: available }),
      ...(replicas - available > 0 && {
        unavailableReplicas: replicas - available,
      }),
      conditions,
    };
  });
}
