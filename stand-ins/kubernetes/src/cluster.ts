/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The simulated cluster: `apply` stores manifests with the fields the API
 * server fills in, then a reconcile pass plays the controllers in
 * ./controllers (Deployment -> ReplicaSet -> Pods, StatefulSet, DaemonSet,
 * Job, Service IPs, ALB hostnames for Ingresses, HPA status), which record
 * Events, so the objects look like those of a healthy EKS cluster.
 */

import { createHash, randomUUID } from 'node:crypto';
import { InputError } from '@backstage/errors';
import { BUILTIN_RESOURCES, ResourceType, resourceForKind } from './resources';
import { KubeObject, ObjectStore, StoredEntry } from './store';
import { matchesLabels, requirementsFromLabelSelector } from './selectors';
import { validateManifest } from './validation';
import { canonical, clone, now } from './objects';
import { ControllerContext, T } from './controllers/context';
import { reconcileDaemonSet } from './controllers/daemonSet';
import {
  deploymentStatus,
  reconcileDeployment,
} from './controllers/deployment';
import { convertHpaV1, reconcileHpa } from './controllers/hpa';
import { reconcileIngress } from './controllers/ingress';
import { reconcileJob } from './controllers/job';
import { completePod } from './controllers/pods';
import { reconcileReplicaSet } from './controllers/replicaSet';
import { defaultService, reconcileService } from './controllers/service';
import { reconcileStatefulSet } from './controllers/statefulSet';

export { POD_STATE_ANNOTATION } from './controllers/pods';
export { now } from './objects';

export interface ApplyOptions {
  /** Namespace for namespaced objects without one (Argo CD's destination namespace). Default `default`. */
  namespace?: string;
  /** Delete objects previously applied under the same source that are not in this set (Argo CD prune). */
  prune?: boolean;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export class Cluster implements ControllerContext {
  constructor(readonly store: ObjectStore, readonly region: string) {}

  // ------------------------------------------------------------------ apply

  /**
   * Validates all objects first (nothing is stored when one is invalid), then
   * stores them and runs the controllers. Returns what was applied.
   */
  apply(
    input: unknown[],
    source: string | undefined,
    options: ApplyOptions = {},
  ): ObjectRef[] {
    if (!Array.isArray(input)) {
      throw new InputError('apply expects a list of Kubernetes objects');
    }
    const objects = input.flatMap(o =>
      o && typeof o === 'object' && (o as any).kind === 'List'
        ? (o as any).items ?? []
        : [o],
    );
    const defaultNamespace = options.namespace ?? 'default';
    const errors: string[] = [];
    const prepared: Array<{ type: ResourceType; object: KubeObject }> = [];
    objects.forEach((raw, index) => {
      const where = `object ${index + 1}`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        errors.push(`${where}: not an object`);
        return;
      }
      const object = clone(raw) as KubeObject;
      if (typeof object.apiVersion !== 'string' || !object.apiVersion) {
        errors.push(`${where}: apiVersion is required`);
        return;
      }
      if (typeof object.kind !== 'string' || !object.kind) {
        errors.push(`${where}: kind is required`);
        return;
      }
      const name = object.metadata?.name;
      const label = `${object.kind} "${name ?? ''}"`;
      if (typeof name !== 'string' || !name) {
        errors.push(`${where} (${object.kind}): metadata.name is required`);
        return;
      }
      if (!DNS1123_SUBDOMAIN.test(name) || name.length > 253) {
        errors.push(
          `${label} is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        );
        return;
      }
      if (
        object.apiVersion === 'autoscaling/v1' &&
        object.kind === 'HorizontalPodAutoscaler'
      ) {
        convertHpaV1(object);
      }
      const found = resourceForKind(
        object.apiVersion,
        object.kind,
        this.store.customTypes,
      );
      if (!found.type) {
        errors.push(`${label}: ${found.error}`);
        return;
      }
      const t = found.type;
      if (t.namespaced) {
        object.metadata.namespace =
          object.metadata.namespace ?? defaultNamespace;
        if (!DNS1123_LABEL.test(object.metadata.namespace)) {
          errors.push(
            `${label} is invalid: metadata.namespace: Invalid value: "${object.metadata.namespace}"`,
          );
          return;
        }
      } else {
        delete object.metadata.namespace;
      }
      for (const f of [
        'uid',
        'resourceVersion',
        'generation',
        'creationTimestamp',
        'managedFields',
        'selfLink',
      ]) {
        delete object.metadata[f];
      }
      delete object.status;
      const problem = validateManifest(object) ?? this.checkSelector(object);
      if (problem) {
        errors.push(`${label} is invalid: ${problem}`);
        return;
      }
      prepared.push({ type: t, object });
    });
    if (errors.length) {
      throw new InputError(`Invalid manifests: ${errors.join('; ')}`);
    }

    const applied = new Set<string>();
    for (const { type: t, object } of prepared) {
      if (!BUILTIN_RESOURCES.includes(t)) this.store.rememberCustomType(t);
      this.storeApplied(t, object, source);
      applied.add(this.keyOf(t, object));
    }
    if (source && options.prune) {
      for (const entry of this.store.all()) {
        if (
          entry.source === source &&
          !entry.object.metadata.ownerReferences?.length &&
          entry.type !== T.events &&
          !applied.has(this.keyOf(entry.type, entry.object))
        ) {
          this.deleteCascading(entry);
        }
      }
    }
    this.reconcile();
    return prepared.map(({ object }) => ({
      apiVersion: object.apiVersion,
      kind: object.kind,
      ...(object.metadata.namespace && {
        namespace: object.metadata.namespace,
      }),
      name: object.metadata.name,
    }));
  }

  /** Deletes every object applied under `source` (and what its controllers made). */
  deleteBySource(source: string): number {
    const top = this.store
      .all()
      .filter(
        e =>
          e.source === source &&
          e.type !== T.events &&
          !e.object.metadata.ownerReferences?.length,
      );
    for (const entry of top) this.deleteCascading(entry);
    // Anything left over (e.g. objects whose owner was deleted separately).
    for (const entry of this.store.all().filter(e => e.source === source)) {
      this.deleteCascading(entry);
    }
    this.reconcile();
    return top.length;
  }

  /** Deletes one object with the garbage collector's foreground cascade, then reconciles. */
  deleteObject(entry: StoredEntry) {
    this.deleteCascading(entry);
    this.reconcile();
  }

  private keyOf(t: ResourceType, o: KubeObject) {
    return `${t.group}/${t.plural}/${o.metadata.namespace ?? ''}/${
      o.metadata.name
    }`;
  }

  private checkSelector(object: KubeObject): string | undefined {
    if (
      !['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(
        object.kind,
      ) ||
      !object.apiVersion.startsWith('apps/')
    ) {
      return undefined;
    }
    const selector = object.spec?.selector;
    if (!selector) return 'spec.selector: Required value';
    const labels = object.spec?.template?.metadata?.labels;
    if (!matchesLabels(requirementsFromLabelSelector(selector), labels)) {
      return 'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`';
    }
    return undefined;
  }

  private storeApplied(t: ResourceType, object: KubeObject, source?: string) {
    const existing = this.store.get(
      t,
      object.metadata.namespace,
      object.metadata.name,
    );
    const prev = existing?.object;
    object.metadata.uid = prev?.metadata.uid ?? randomUUID();
    object.metadata.creationTimestamp =
      prev?.metadata.creationTimestamp ?? now();
    if (t === T.deployments) {
      object.spec.replicas ??= 1;
      object.spec.revisionHistoryLimit ??= 10;
      object.spec.progressDeadlineSeconds ??= 600;
      object.spec.strategy ??= {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      };
    }
    if (t.hasGeneration) {
      const prevGen = prev?.metadata.generation ?? 0;
      object.metadata.generation =
        prev && canonical(prev.spec) === canonical(object.spec)
          ? prevGen
          : prevGen + 1;
    }
    if (object.kind === 'Service' && t.group === '') {
      defaultService(object, prev);
    }
    if (object.kind === 'Pod' && t.group === '') {
      completePod(object, {}, prev);
    }
    object.status = prev?.status;
    this.store.put(t, object, source ?? existing?.source);
  }

  /** Deletes an object, what it owns and the Events about them. */
  deleteCascading(entry: StoredEntry) {
    const uid = entry.object.metadata.uid;
    if (uid) {
      for (const child of this.store.ownedBy(uid)) this.deleteCascading(child);
      for (const ev of this.store.list(T.events)) {
        if ((ev.object as any).involvedObject?.uid === uid) {
          this.store.delete(
            T.events,
            ev.object.metadata.namespace,
            ev.object.metadata.name,
          );
        }
      }
    }
    this.store.delete(
      entry.type,
      entry.object.metadata.namespace,
      entry.object.metadata.name,
    );
  }

  // -------------------------------------------------------------- reconcile

  /** One pass of every simulated controller. */
  reconcile() {
    const list = (t: ResourceType) => this.store.list(t);
    for (const e of list(T.services)) reconcileService(this, e);
    for (const e of list(T.ingresses)) reconcileIngress(this, e);
    for (const e of list(T.deployments)) reconcileDeployment(this, e);
    for (const e of list(T.replicasets)) reconcileReplicaSet(this, e);
    for (const e of list(T.deployments)) deploymentStatus(this, e);
    for (const e of list(T.statefulsets)) reconcileStatefulSet(this, e);
    for (const e of list(T.daemonsets)) reconcileDaemonSet(this, e);
    for (const e of list(T.jobs)) reconcileJob(this, e);
    for (const e of list(T.hpas)) reconcileHpa(this, e);
  }

  update(entry: StoredEntry, mutate: (o: KubeObject) => void) {
    const before = canonical(entry.object);
    mutate(entry.object);
    if (canonical(entry.object) !== before) {
      this.store.put(entry.type, entry.object, entry.source);
    }
  }

  event(
    involved: KubeObject,
    reason: string,
    message: string,
    component: string,
    kind: 'Normal' | 'Warning' = 'Normal',
    source?: string,
  ) {
    const t = now();
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${involved.metadata.name}.${createHash('sha1')
          .update(
            `${involved.metadata.uid}/${reason}/${message}/${randomUUID()}`,
          )
          .digest('hex')
          .slice(0, 16)}`,
        namespace: involved.metadata.namespace ?? 'default',
        uid: randomUUID(),
        creationTimestamp: t,
      },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type: kind,
      reportingComponent: component,
      reportingInstance: '',
    };
    this.store.put(T.events, ev, source);
  }
}
