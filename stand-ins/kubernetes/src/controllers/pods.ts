/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Pods: what the scheduler and kubelet would fill in (node, IPs, container statuses, QoS class), healthy or failing as the pod-state annotation asks, with their Events.

import { createHash, randomUUID } from 'node:crypto';
import { KubeObject } from '../store';
import { clone, Condition, digest, now, ownerRef } from '../objects';
import { ControllerContext, NODES, T } from './context';

/**
 * Pod template annotation that makes the simulated pods unhealthy:
 * `crash-loop` (CrashLoopBackOff, restarts, error logs) or
 * `image-pull-error` (ImagePullBackOff). Anything else, or none, means Running.
 */
export const POD_STATE_ANNOTATION = 'standin.launchpad.dev/pod-state';

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

export function createPod(
  ctx: ControllerContext,
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
  completePod(pod, { node, runToCompletion });
  ctx.store.put(T.pods, pod, source);
  const image = pod.spec.containers?.[0]?.image;
  ctx.event(
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
      ctx.event(
        pod,
        'Failed',
        `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found`,
        'kubelet',
        'Warning',
        source,
      );
      ctx.event(
        pod,
        'BackOff',
        `Back-off pulling image "${c.image}"`,
        'kubelet',
        'Warning',
        source,
      );
      continue;
    }
    ctx.event(
      pod,
      'Pulled',
      `Container image "${c.image ?? image}" already present on machine`,
      'kubelet',
      'Normal',
      source,
    );
    ctx.event(
      pod,
      'Created',
      `Created container ${c.name}`,
      'kubelet',
      'Normal',
      source,
    );
    ctx.event(
      pod,
      'Started',
      `Started container ${c.name}`,
      'kubelet',
      'Normal',
      source,
    );
    if (state === 'crash-loop') {
      ctx.event(
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
export function completePod(
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
    const id = `containerd://${digest(`${pod.metadata.uid}/${c.name}`).toString(
      'hex',
    )}`;
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
  const healthy = !state || !['crash-loop', 'image-pull-error'].includes(state);
  const ready = healthy && !opts.runToCompletion;
  const notReady = opts.runToCompletion ? 'PodCompleted' : 'ContainersNotReady';
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
