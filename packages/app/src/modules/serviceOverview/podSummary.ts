/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type {
  KubernetesFetchError,
  ObjectsByEntityResponse,
} from '@backstage/plugin-kubernetes-common';

/** The parts of a Pod the summary reads (`V1Pod` of the Kubernetes API). */
interface PodLike {
  metadata?: { name?: string };
  status?: {
    phase?: string;
    containerStatuses?: Array<{
      ready?: boolean;
      restartCount?: number;
      state?: {
        waiting?: { reason?: string };
        terminated?: { reason?: string };
      };
    }>;
  };
}

export interface ProblemPod {
  name: string;
  /** `CrashLoopBackOff`, `ImagePullBackOff`, `Pending`, ... */
  reason: string;
}

export interface ClusterPodSummary {
  cluster: string;
  pods: number;
  ready: number;
  restarts: number;
  problems: ProblemPod[];
  /** What the Kubernetes backend could not read on this cluster. */
  errors: string[];
}

function isReady(pod: PodLike) {
  const containers = pod.status?.containerStatuses ?? [];
  if (pod.status?.phase === 'Succeeded') return true;
  return (
    pod.status?.phase === 'Running' &&
    containers.length > 0 &&
    containers.every(c => c.ready)
  );
}

function problemOf(pod: PodLike): string | undefined {
  for (const c of pod.status?.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason && reason !== 'Completed') return reason;
  }
  if (
    pod.status?.phase &&
    !['Running', 'Succeeded'].includes(pod.status.phase)
  ) {
    return pod.status.phase;
  }
  return isReady(pod) ? undefined : 'NotReady';
}

function describeFetchError(error: KubernetesFetchError): string {
  if (error.errorType === 'FETCH_ERROR') return error.message;
  const where = error.resourcePath ? ` reading ${error.resourcePath}` : '';
  return `${error.errorType}${
    error.statusCode ? ` (${error.statusCode})` : ''
  }${where}`;
}

/** Pods ready and restarting per cluster, from the Kubernetes backend's answer. */
export function summarizePods(
  response: ObjectsByEntityResponse,
): ClusterPodSummary[] {
  return response.items.map(item => {
    const pods = item.resources
      .filter(r => r.type === 'pods')
      .flatMap(r => r.resources as PodLike[]);
    const problems = pods.flatMap(pod => {
      const reason = problemOf(pod);
      return reason ? [{ name: pod.metadata?.name ?? '?', reason }] : [];
    });
    return {
      cluster: item.cluster.title ?? item.cluster.name,
      pods: pods.length,
      ready: pods.filter(isReady).length,
      restarts: pods.reduce(
        (sum, pod) =>
          sum +
          (pod.status?.containerStatuses ?? []).reduce(
            (n, c) => n + (c.restartCount ?? 0),
            0,
          ),
        0,
      ),
      problems,
      errors: item.errors.map(describeFetchError),
    };
  });
}
