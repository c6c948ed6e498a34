/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Reduces the Kubernetes backend's answer for an entity
 * (POST /api/kubernetes/services/:name, what the Kubernetes tab shows) to
 * what an assistant needs: per cluster, each Deployment's readiness and
 * images, and its pods with restarts. Nothing else (env, volumes, specs)
 * leaves the backend.
 */

interface Container {
  name?: string;
  image?: string;
}
interface Pod {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: { containers?: Container[] };
  status?: {
    phase?: string;
    containerStatuses?: Array<{
      name?: string;
      ready?: boolean;
      restartCount?: number;
      image?: string;
      state?: { waiting?: { reason?: string } };
    }>;
  };
}
interface Deployment {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    replicas?: number;
    template?: { spec?: { containers?: Container[] } };
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
  };
}
interface ClusterObjects {
  cluster?: { name?: string; title?: string };
  resources?: Array<{ type?: string; resources?: unknown[] }>;
  errors?: Array<{
    errorType?: string;
    statusCode?: number;
    resourcePath?: string;
  }>;
}

export interface WorkloadSummary {
  cluster: string;
  deployments: Array<{
    name: string;
    namespace?: string;
    desiredReplicas: number;
    readyReplicas: number;
    availableReplicas: number;
    images: string[];
  }>;
  pods: Array<{
    name: string;
    namespace?: string;
    phase?: string;
    ready: boolean;
    restarts: number;
    waitingReason?: string;
    images: string[];
  }>;
  errors: string[];
}

function ofType<T>(cluster: ClusterObjects, type: string): T[] {
  return (cluster.resources ?? [])
    .filter(r => r.type === type)
    .flatMap(r => (r.resources ?? []) as T[]);
}

export function summarizeWorkloads(body: unknown): WorkloadSummary[] {
  const items = (body as { items?: ClusterObjects[] })?.items ?? [];
  return items.map(cluster => ({
    cluster: cluster.cluster?.title ?? cluster.cluster?.name ?? 'unknown',
    deployments: ofType<Deployment>(cluster, 'deployments').map(d => ({
      name: d.metadata?.name ?? '',
      namespace: d.metadata?.namespace,
      desiredReplicas: d.spec?.replicas ?? 1,
      readyReplicas: d.status?.readyReplicas ?? 0,
      availableReplicas: d.status?.availableReplicas ?? 0,
      images: (d.spec?.template?.spec?.containers ?? [])
        .map(c => c.image)
        .filter((i): i is string => !!i),
    })),
    pods: ofType<Pod>(cluster, 'pods').map(p => {
      const statuses = p.status?.containerStatuses ?? [];
      return {
        name: p.metadata?.name ?? '',
        namespace: p.metadata?.namespace,
        phase: p.status?.phase,
        ready: statuses.length > 0 && statuses.every(s => s.ready),
        restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
        waitingReason: statuses.find(s => s.state?.waiting?.reason)?.state
          ?.waiting?.reason,
        images: (p.spec?.containers ?? [])
          .map(c => c.image)
          .filter((i): i is string => !!i),
      };
    }),
    errors: (cluster.errors ?? []).map(
      e =>
        `${e.errorType ?? 'error'}${e.statusCode ? ` (${e.statusCode})` : ''}${
          e.resourcePath ? ` reading ${e.resourcePath}` : ''
        }`,
    ),
  }));
}
