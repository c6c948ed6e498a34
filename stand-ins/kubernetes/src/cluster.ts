/*
 * The simulated cluster: `apply` stores manifests with the fields the API
 * server fills in, then a reconcile pass plays the controllers (Deployment ->
 * ReplicaSet -> Pods, StatefulSet, DaemonSet, Job, Service IPs, ALB hostnames
 * for Ingresses, HPA status) and records Events, so the objects look like
 * those of a healthy EKS cluster.
 */

import { createHash, randomInt, randomUUID } from 'node:crypto';
import { InputError } from '@backstage/errors';
import { BUILTIN_RESOURCES, ResourceType, resourceForKind } from './resources';
import { KubeObject, ObjectStore, StoredEntry } from './store';
import { matchesLabels, requirementsFromLabelSelector } from './selectors';
import { validateManifest } from './validation';

/**
 * Pod template annotation that makes the simulated pods unhealthy:
 * `crash-loop` (CrashLoopBackOff, restarts, error logs) or
 * `image-pull-error` (ImagePullBackOff). Anything else, or none, means Running.
 */
export const POD_STATE_ANNOTATION = 'standin.launchpad.dev/pod-state';

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
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const NODES = [
  { name: 'ip-10-0-1-23.ap-northeast-2.compute.internal', ip: '10.0.1.23' },
  { name: 'ip-10-0-2-57.ap-northeast-2.compute.internal', ip: '10.0.2.57' },
];

const type = (group: string, plural: string) =>
  BUILTIN_RESOURCES.find(r => r.group === group && r.plural === plural)!;
const T = {
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

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function digest(value: unknown) {
  return createHash('sha256').update(canonical(value)).digest();
}

function safeEncode(bytes: Buffer, length: number) {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SAFE_ALPHABET[bytes[i % bytes.length] % SAFE_ALPHABET.length];
  }
  return out;
}

function randomSuffix(length = 5) {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SAFE_ALPHABET[randomInt(SAFE_ALPHABET.length)];
  }
  return out;
}

function clone<V>(value: V): V {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: null;
}

/** Sets a condition, keeping lastTransitionTime when its status did not change. */
function withCondition(
  existing: Condition[] | undefined,
  next: Condition,
  withUpdateTime = false,
): Condition[] {
  const list = [...(existing ?? [])];
  const i = list.findIndex(c => c.type === next.type);
  const prev = i >= 0 ? list[i] : undefined;
  const t = now();
  const c: Condition = {
    ...next,
    lastTransitionTime:
      prev && prev.status === next.status ? prev.lastTransitionTime : t,
    ...(withUpdateTime && {
      lastUpdateTime:
        prev && prev.status === next.status && prev.message === next.message
          ? prev.lastUpdateTime
          : t,
    }),
  };
  if (i >= 0) list[i] = c;
  else list.push(c);
  return list;
}

function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function quantityMillis(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const s = String(q);
  if (s.endsWith('m')) return Number(s.slice(0, -1));
  return Number(s) * 1000;
}

function qosClass(containers: any[]): string {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function imageId(image: string) {
  const hex = createHash('sha256').update(image).digest('hex');
  const repo = image.replace(/[:@].*$/, '');
  const qualified = repo.includes('/') ? repo : `docker.io/library/${repo}`;
  return `${qualified}@sha256:${hex}`;
}

/**
 * The API server serves autoscaling/v1 HPAs as autoscaling/v2; convert like it
 * does (targetCPUUtilizationPercentage becomes a CPU utilization metric).
 */
function convertHpaV1(object: KubeObject) {
  const { targetCPUUtilizationPercentage, ...spec } = object.spec ?? {};
  object.apiVersion = 'autoscaling/v2';
  object.spec = {
    ...spec,
    ...(targetCPUUtilizationPercentage !== undefined && {
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: targetCPUUtilizationPercentage,
            },
          },
        },
      ],
    }),
  };
}

export class Cluster {
  constructor(
    private readonly store: ObjectStore,
    private readonly region: string,
  ) {}

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
      this.defaultService(object, prev);
    }
    if (object.kind === 'Pod' && t.group === '') {
      this.completePod(object, {}, prev);
    }
    object.status = prev?.status;
    this.store.put(t, object, source ?? existing?.source);
  }

  private deleteCascading(entry: StoredEntry) {
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
    for (const e of this.store.list(T.services)) this.reconcileService(e);
    for (const e of this.store.list(T.ingresses)) this.reconcileIngress(e);
    for (const e of this.store.list(T.deployments)) this.reconcileDeployment(e);
    for (const e of this.store.list(T.replicasets)) this.reconcileReplicaSet(e);
    for (const e of this.store.list(T.deployments)) this.deploymentStatus(e);
    for (const e of this.store.list(T.statefulsets))
      this.reconcileStatefulSet(e);
    for (const e of this.store.list(T.daemonsets)) this.reconcileDaemonSet(e);
    for (const e of this.store.list(T.jobs)) this.reconcileJob(e);
    for (const e of this.store.list(T.hpas)) this.reconcileHpa(e);
  }

  private update(entry: StoredEntry, mutate: (o: KubeObject) => void) {
    const before = canonical(entry.object);
    mutate(entry.object);
    if (canonical(entry.object) !== before) {
      this.store.put(entry.type, entry.object, entry.source);
    }
  }

  private event(
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

  private templateHash(template: unknown) {
    return safeEncode(digest(template), 10);
  }

  private defaultService(svc: KubeObject, prev?: KubeObject) {
    const spec = (svc.spec ??= {});
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    if (spec.clusterIP === undefined) {
      const prevIp = prev?.spec?.clusterIP;
      if (prevIp) {
        spec.clusterIP = prevIp;
      } else {
        const b = digest(`${svc.metadata.namespace}/${svc.metadata.name}`);
        spec.clusterIP = `172.20.${b[0]}.${(b[1] % 253) + 1}`;
      }
    }
    spec.clusterIPs ??= [spec.clusterIP];
    const needsNodePort =
      spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    spec.ports = (spec.ports ?? []).map((p: any, i: number) => {
      const prevPort = prev?.spec?.ports?.find(
        (q: any) => q.port === p.port && q.name === p.name,
      );
      return {
        protocol: 'TCP',
        targetPort: p.port,
        ...p,
        ...(needsNodePort && {
          nodePort:
            p.nodePort ??
            prevPort?.nodePort ??
            30000 + (digest(`${svc.metadata.uid}/${i}`).readUInt16BE(0) % 2767),
        }),
      };
    });
    if (spec.type === 'LoadBalancer') {
      spec.externalTrafficPolicy ??= 'Cluster';
      spec.allocateLoadBalancerNodePorts ??= true;
    }
  }

  private reconcileService(entry: StoredEntry) {
    this.update(entry, svc => {
      if (svc.spec?.type === 'LoadBalancer') {
        const hex = digest(`${svc.metadata.namespace}/${svc.metadata.name}`)
          .toString('hex')
          .slice(0, 32);
        svc.status = {
          loadBalancer: {
            ingress: [
              {
                hostname: `a${hex.slice(1)}-${
                  parseInt(hex.slice(0, 8), 16) % 10000000000
                }.${this.region}.elb.amazonaws.com`,
              },
            ],
          },
        };
      } else {
        svc.status = { loadBalancer: {} };
      }
    });
  }

  /** The hostname the AWS Load Balancer Controller would give the Ingress's ALB. */
  albHostname(namespace: string, name: string) {
    const b = digest(`alb/${namespace}/${name}`);
    const hash = b.toString('hex').slice(0, 10);
    const number = b.readUInt32BE(8) % 1000000000;
    return `k8s-${namespace.slice(0, 8)}-${name.slice(
      0,
      8,
    )}-${hash}-${number}.${this.region}.elb.amazonaws.com`.replace(/-+/g, '-');
  }

  private reconcileIngress(entry: StoredEntry) {
    this.update(entry, ing => {
      ing.status = {
        loadBalancer: {
          ingress: [
            {
              hostname: this.albHostname(
                ing.metadata.namespace!,
                ing.metadata.name,
              ),
            },
          ],
        },
      };
    });
  }

  /** The replicas a workload runs, clamped by an HPA that targets it. */
  private effectiveReplicas(workload: KubeObject): number {
    const wanted = workload.spec?.replicas ?? 1;
    const hpa = this.store
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

  private reconcileDeployment(entry: StoredEntry) {
    const d = entry.object;
    const replicas = this.effectiveReplicas(d);
    if (d.spec.replicas !== replicas) {
      this.update(entry, o => {
        o.spec.replicas = replicas;
      });
    }
    const template = d.spec.template ?? {};
    const hash = this.templateHash(template);
    const owned = this.store
      .ownedBy(d.metadata.uid!)
      .filter(e => e.type === T.replicasets);
    const revisionOf = (e: StoredEntry) =>
      Number(
        e.object.metadata.annotations?.['deployment.kubernetes.io/revision'] ??
          0,
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
      this.store.put(T.replicasets, rs, entry.source);
      current = this.store.get(T.replicasets, rs.metadata.namespace, rsName)!;
      this.event(
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
      this.update(cur, rs => {
        rs.spec.replicas = replicas;
        if (rs.metadata.generation !== undefined && from !== replicas) {
          rs.metadata.generation += 1;
        }
        rs.metadata.annotations = annotations(revision);
      });
      if (from !== replicas) {
        this.event(
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
        this.update(rs, o => {
          o.spec.replicas = 0;
          o.metadata.generation = (o.metadata.generation ?? 1) + 1;
        });
        this.event(
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
    while (byAge.length > limit) this.deleteCascading(byAge.shift()!);
  }

  private deploymentStatus(entry: StoredEntry) {
    const d = entry.object;
    const hash = this.templateHash(d.spec.template ?? {});
    const owned = this.store
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
    this.update(entry, o => {
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

  private podsOf(owner: KubeObject) {
    return this.store
      .ownedBy(owner.metadata.uid!)
      .filter(e => e.type === T.pods);
  }

  private reconcileReplicaSet(entry: StoredEntry) {
    const rs = entry.object;
    const desired = rs.spec?.replicas ?? 1;
    const pods = this.podsOf(rs);
    for (let i = pods.length; i < desired; i++) {
      const name = `${rs.metadata.name}-${randomSuffix()}`;
      this.createPod(rs, entry.source, name, rs.spec.template ?? {}, {});
      this.event(
        rs,
        'SuccessfulCreate',
        `Created pod: ${name}`,
        'replicaset-controller',
        'Normal',
        entry.source,
      );
    }
    for (const pod of pods.slice(desired)) {
      this.deleteCascading(pod);
      this.event(
        rs,
        'SuccessfulDelete',
        `Deleted pod: ${pod.object.metadata.name}`,
        'replicaset-controller',
        'Normal',
        entry.source,
      );
    }
    const current = this.podsOf(rs).map(e => e.object);
    const ready = current.filter(p => this.podReady(p)).length;
    this.update(entry, o => {
      o.status = {
        replicas: current.length,
        ...(current.length && { fullyLabeledReplicas: current.length }),
        ...(ready && { readyReplicas: ready, availableReplicas: ready }),
        observedGeneration: o.metadata.generation ?? 1,
      };
    });
  }

  private podReady(pod: KubeObject) {
    return pod.status?.conditions?.some(
      (c: Condition) => c.type === 'Ready' && c.status === 'True',
    );
  }

  private reconcileStatefulSet(entry: StoredEntry) {
    const sts = entry.object;
    const replicas = this.effectiveReplicas(sts);
    const revision = `${sts.metadata.name}-${this.templateHash(
      sts.spec.template ?? {},
    )}`;
    const pods = this.podsOf(sts);
    for (const pod of pods) {
      const index = Number(
        pod.object.metadata.labels?.['apps.kubernetes.io/pod-index'],
      );
      if (
        index >= replicas ||
        pod.object.metadata.labels?.['controller-revision-hash'] !== revision
      ) {
        this.deleteCascading(pod);
        this.event(
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
      if (!this.store.get(T.pods, sts.metadata.namespace, name)) {
        this.createPod(sts, entry.source, name, sts.spec.template ?? {}, {
          'controller-revision-hash': revision,
          'apps.kubernetes.io/pod-index': String(i),
          'statefulset.kubernetes.io/pod-name': name,
        });
        this.event(
          sts,
          'SuccessfulCreate',
          `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
          'statefulset-controller',
          'Normal',
          entry.source,
        );
      }
    }
    const current = this.podsOf(sts).map(e => e.object);
    const ready = current.filter(p => this.podReady(p)).length;
    this.update(entry, o => {
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

  private reconcileDaemonSet(entry: StoredEntry) {
    const ds = entry.object;
    const hash = this.templateHash(ds.spec.template ?? {});
    for (const pod of this.podsOf(ds)) {
      if (pod.object.metadata.labels?.['controller-revision-hash'] !== hash) {
        this.deleteCascading(pod);
      }
    }
    for (const node of NODES) {
      const onNode = this.podsOf(ds).some(
        p => p.object.spec?.nodeName === node.name,
      );
      if (!onNode) {
        const name = `${ds.metadata.name}-${randomSuffix()}`;
        this.createPod(
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
        this.event(
          ds,
          'SuccessfulCreate',
          `Created pod: ${name}`,
          'daemonset-controller',
          'Normal',
          entry.source,
        );
      }
    }
    const pods = this.podsOf(ds).map(e => e.object);
    const ready = pods.filter(p => this.podReady(p)).length;
    this.update(entry, o => {
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

  private reconcileJob(entry: StoredEntry) {
    const job = entry.object;
    const completions = job.spec?.completions ?? 1;
    const labels = {
      'batch.kubernetes.io/controller-uid': job.metadata.uid!,
      'batch.kubernetes.io/job-name': job.metadata.name,
      'controller-uid': job.metadata.uid!,
      'job-name': job.metadata.name,
    };
    let pods = this.podsOf(job);
    for (let i = pods.length; i < completions; i++) {
      const name = `${job.metadata.name}-${randomSuffix()}`;
      this.createPod(
        job,
        entry.source,
        name,
        job.spec.template ?? {},
        {
          ...labels,
          'batch.kubernetes.io/job-completion-index': String(i),
        },
        undefined,
        true,
      );
      this.event(
        job,
        'SuccessfulCreate',
        `Created pod: ${name}`,
        'job-controller',
        'Normal',
        entry.source,
      );
    }
    pods = this.podsOf(job);
    const succeeded = pods.filter(
      p => p.object.status?.phase === 'Succeeded',
    ).length;
    const failed = pods.filter(p => p.object.status?.phase === 'Failed').length;
    this.update(entry, o => {
      const start = o.status?.startTime ?? now();
      const complete = succeeded >= completions;
      let conditions = o.status?.conditions;
      if (complete) {
        conditions = withCondition(conditions, {
          type: 'SuccessCriteriaMet',
          status: 'True',
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
          lastProbeTime: undefined,
        });
        conditions = withCondition(conditions, {
          type: 'Complete',
          status: 'True',
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
        });
      }
      o.status = {
        startTime: start,
        ...(complete && { completionTime: o.status?.completionTime ?? now() }),
        ...(succeeded && { succeeded }),
        ...(failed && { failed }),
        ready: 0,
        terminating: 0,
        uncountedTerminatedPods: {},
        ...(conditions && { conditions }),
      };
    });
  }

  private reconcileHpa(entry: StoredEntry) {
    const hpa = entry.object;
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const targetTypes: Record<string, ResourceType> = {
      Deployment: T.deployments,
      StatefulSet: T.statefulsets,
    };
    const targetType: ResourceType | undefined = targetTypes[ref.kind];
    const target = targetType
      ? this.store.get(targetType, hpa.metadata.namespace, ref.name)
      : undefined;
    this.update(entry, o => {
      if (!target) {
        o.status = {
          currentReplicas: 0,
          desiredReplicas: 0,
          conditions: withCondition(o.status?.conditions, {
            type: 'AbleToScale',
            status: 'False',
            reason: 'FailedGetScale',
            message: `the HPA controller was unable to get the target's current scale: ${
              targetType
                ? `${targetType.plural}/scale.apps "${ref.name}" not found`
                : `no matches for kind "${ref.kind}"`
            }`,
          }),
        };
        return;
      }
      const current = target.object.status?.replicas ?? 0;
      const desired = target.object.spec?.replicas ?? 1;
      const currentMetrics = (o.spec?.metrics ?? [])
        .filter((m: any) => m.type === 'Resource' && m.resource?.name)
        .map((m: any) => {
          const name = m.resource.name;
          const utilization =
            10 + (digest(`${target.object.metadata.uid}/${name}`)[0] % 30);
          const request = (target.object.spec?.template?.spec?.containers ?? [])
            .map((c: any) =>
              name === 'cpu'
                ? quantityMillis(c.resources?.requests?.cpu)
                : undefined,
            )
            .find((v: number | undefined) => v !== undefined);
          return {
            type: 'Resource',
            resource: {
              name,
              current: {
                averageUtilization: utilization,
                averageValue:
                  name === 'cpu'
                    ? `${Math.round(((request ?? 100) * utilization) / 100)}m`
                    : `${Math.round((128 * utilization) / 100)}Mi`,
              },
            },
          };
        });
      let conditions = withCondition(o.status?.conditions, {
        type: 'AbleToScale',
        status: 'True',
        reason: 'ReadyForNewScale',
        message: 'recommended size matches current size',
      });
      conditions = withCondition(conditions, {
        type: 'ScalingActive',
        status: 'True',
        reason: 'ValidMetricFound',
        message:
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      });
      const min = o.spec.minReplicas ?? 1;
      const tooFew = desired <= min;
      const tooMany = !tooFew && desired >= o.spec.maxReplicas;
      let limit: Condition = {
        type: 'ScalingLimited',
        status: 'False',
        reason: 'DesiredWithinRange',
        message: 'the desired count is within the acceptable range',
      };
      if (tooFew || tooMany) {
        limit = {
          type: 'ScalingLimited',
          status: 'True',
          reason: tooFew ? 'TooFewReplicas' : 'TooManyReplicas',
          message: `the desired replica count is ${
            tooFew ? 'less' : 'more'
          } than the ${tooFew ? 'minimum' : 'maximum'} replica count`,
        };
      }
      conditions = withCondition(conditions, limit);
      o.status = {
        currentReplicas: current,
        desiredReplicas: desired,
        ...(currentMetrics.length && { currentMetrics }),
        conditions,
      };
    });
  }

  // ------------------------------------------------------------------- pods

  private createPod(
    owner: KubeObject,
    source: string | undefined,
    name: string,
    template: any,
    extraLabels: Record<string, string>,
    node?: { name: string; ip: string },
    runToCompletion = false,
  ) {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        ...(owner.kind !== 'StatefulSet' && {
          generateName: name.replace(/[^-]+$/, ''),
        }),
        namespace: owner.metadata.namespace,
        uid: randomUUID(),
        creationTimestamp: now(),
        labels: { ...(template.metadata?.labels ?? {}), ...extraLabels },
        ...(template.metadata?.annotations && {
          annotations: { ...template.metadata.annotations },
        }),
        ownerReferences: [ownerRef(owner)],
      },
      spec: clone(template.spec ?? { containers: [] }),
    };
    this.completePod(pod, { node, runToCompletion });
    this.store.put(T.pods, pod, source);
    const image = pod.spec.containers?.[0]?.image;
    this.event(
      pod,
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${name} to ${pod.spec.nodeName}`,
      'default-scheduler',
      'Normal',
      source,
    );
    const state = pod.metadata.annotations?.[POD_STATE_ANNOTATION];
    for (const c of pod.spec.containers ?? []) {
      if (state === 'image-pull-error') {
        this.event(
          pod,
          'Failed',
          `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found`,
          'kubelet',
          'Warning',
          source,
        );
        this.event(
          pod,
          'BackOff',
          `Back-off pulling image "${c.image}"`,
          'kubelet',
          'Warning',
          source,
        );
        continue;
      }
      this.event(
        pod,
        'Pulled',
        `Container image "${c.image ?? image}" already present on machine`,
        'kubelet',
        'Normal',
        source,
      );
      this.event(
        pod,
        'Created',
        `Created container ${c.name}`,
        'kubelet',
        'Normal',
        source,
      );
      this.event(
        pod,
        'Started',
        `Started container ${c.name}`,
        'kubelet',
        'Normal',
        source,
      );
      if (state === 'crash-loop') {
        this.event(
          pod,
          'BackOff',
          `Back-off restarting failed container ${c.name} in pod ${name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          'kubelet',
          'Warning',
          source,
        );
      }
    }
  }

  /** Fills the defaults and status the API server, scheduler and kubelet would. */
  private completePod(
    pod: KubeObject,
    opts: { node?: { name: string; ip: string }; runToCompletion?: boolean },
    prev?: KubeObject,
  ) {
    const spec = (pod.spec ??= { containers: [] });
    const node =
      opts.node ??
      NODES.find(n => n.name === (prev?.spec?.nodeName ?? spec.nodeName)) ??
      NODES[digest(pod.metadata.name)[0] % NODES.length];
    const b = digest(`${pod.metadata.namespace}/${pod.metadata.name}`);
    const podIp = `10.0.${Number(node.ip.split('.')[2]) * 16 + (b[0] % 16)}.${
      (b[1] % 250) + 2
    }`;
    spec.containers = (spec.containers ?? []).map((c: any) => ({
      imagePullPolicy: String(c.image ?? '').endsWith(':latest')
        ? 'Always'
        : 'IfNotPresent',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ...c,
    }));
    spec.nodeName ??= node.name;
    spec.restartPolicy ??= opts.runToCompletion ? 'Never' : 'Always';
    spec.dnsPolicy ??= 'ClusterFirst';
    spec.schedulerName ??= 'default-scheduler';
    spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
    spec.serviceAccount ??= spec.serviceAccountName;
    spec.terminationGracePeriodSeconds ??= 30;
    spec.securityContext ??= {};
    spec.enableServiceLinks ??= true;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
    spec.priority ??= 0;
    spec.tolerations ??= [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ];
    if (prev?.status) {
      pod.status = prev.status;
      return;
    }
    const started = now();
    const state = pod.metadata.annotations?.[POD_STATE_ANNOTATION];
    const containerStatuses = spec.containers.map((c: any, i: number) => {
      const id = `containerd://${digest(
        `${pod.metadata.uid}/${c.name}`,
      ).toString('hex')}`;
      const base = {
        name: c.name,
        image: c.image,
        imageID: state === 'image-pull-error' ? '' : imageId(String(c.image)),
      };
      if (state === 'image-pull-error') {
        return {
          ...base,
          ready: false,
          restartCount: 0,
          started: false,
          state: {
            waiting: {
              reason: 'ImagePullBackOff',
              message: `Back-off pulling image "${c.image}"`,
            },
          },
          lastState: {},
        };
      }
      if (state === 'crash-loop') {
        return {
          ...base,
          containerID: id,
          ready: false,
          restartCount: 5 + i,
          started: false,
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 2m40s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
            },
          },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: started,
              finishedAt: started,
              containerID: id,
            },
          },
        };
      }
      if (opts.runToCompletion) {
        return {
          ...base,
          containerID: id,
          ready: false,
          restartCount: 0,
          started: false,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: started,
              finishedAt: started,
              containerID: id,
            },
          },
          lastState: {},
        };
      }
      return {
        ...base,
        containerID: id,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: started } },
        lastState: {},
      };
    });
    const healthy =
      !state || !['crash-loop', 'image-pull-error'].includes(state);
    const ready = healthy && !opts.runToCompletion;
    const notReady = opts.runToCompletion
      ? 'PodCompleted'
      : 'ContainersNotReady';
    const unready = containerStatuses
      .filter((c: any) => !c.ready)
      .map((c: any) => c.name);
    const cond = (
      t: string,
      ok: boolean,
      reason?: string,
      message?: string,
    ): Condition => ({
      type: t,
      status: ok ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: started,
      ...(reason && { reason }),
      ...(message && { message }),
    });
    let phase = 'Running';
    if (opts.runToCompletion) phase = 'Succeeded';
    else if (state === 'image-pull-error') phase = 'Pending';
    pod.status = {
      phase,
      conditions: [
        cond('PodReadyToStartContainers', !opts.runToCompletion),
        cond(
          'Initialized',
          true,
          opts.runToCompletion ? 'PodCompleted' : undefined,
        ),
        cond(
          'Ready',
          ready,
          ready ? undefined : notReady,
          ready || opts.runToCompletion
            ? undefined
            : `containers with unready status: [${unready.join(' ')}]`,
        ),
        cond(
          'ContainersReady',
          ready,
          ready ? undefined : notReady,
          ready || opts.runToCompletion
            ? undefined
            : `containers with unready status: [${unready.join(' ')}]`,
        ),
        cond('PodScheduled', true),
      ],
      hostIP: node.ip,
      hostIPs: [{ ip: node.ip }],
      podIP: podIp,
      podIPs: [{ ip: podIp }],
      startTime: started,
      containerStatuses,
      qosClass: qosClass(spec.containers),
    };
  }
}
