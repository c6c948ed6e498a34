/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The resource types the stand-in serves: which kind lives at which URL, and
 * whether it is namespaced. Kinds not listed here (custom resources) are
 * still accepted by `apply` with a derived plural; see `resourceForKind`.
 */

export interface ResourceType {
  /** API group, `''` for the core group. */
  group: string;
  version: string;
  /** URL segment, e.g. `deployments`. */
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Short names and verbs reported by discovery. */
  shortNames?: string[];
  /** Whether the API server counts `metadata.generation` for this kind. */
  hasGeneration?: boolean;
}

const core = (
  kind: string,
  plural: string,
  namespaced = true,
  shortNames?: string[],
): ResourceType => ({
  group: '',
  version: 'v1',
  kind,
  plural,
  namespaced,
  shortNames,
});

/** The built-in resource types, in discovery order. */
export const BUILTIN_RESOURCES: ResourceType[] = [
  core('Pod', 'pods', true, ['po']),
  core('Service', 'services', true, ['svc']),
  core('ConfigMap', 'configmaps', true, ['cm']),
  core('Secret', 'secrets'),
  core('LimitRange', 'limitranges', true, ['limits']),
  core('ResourceQuota', 'resourcequotas', true, ['quota']),
  core('Event', 'events', true, ['ev']),
  core('ServiceAccount', 'serviceaccounts', true, ['sa']),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc']),
  core('PersistentVolume', 'persistentvolumes', false, ['pv']),
  core('Namespace', 'namespaces', false, ['ns']),
  core('Endpoints', 'endpoints', true, ['ep']),
  ...(
    [
      ['Deployment', 'deployments', ['deploy']],
      ['ReplicaSet', 'replicasets', ['rs']],
      ['StatefulSet', 'statefulsets', ['sts']],
      ['DaemonSet', 'daemonsets', ['ds']],
    ] as const
  ).map(([kind, plural, shortNames]) => ({
    group: 'apps',
    version: 'v1',
    kind,
    plural,
    namespaced: true,
    shortNames: [...shortNames],
    hasGeneration: true,
  })),
  {
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    plural: 'jobs',
    namespaced: true,
    hasGeneration: true,
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'CronJob',
    plural: 'cronjobs',
    namespaced: true,
    shortNames: ['cj'],
    hasGeneration: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    plural: 'ingresses',
    namespaced: true,
    shortNames: ['ing'],
    hasGeneration: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    namespaced: true,
    shortNames: ['netpol'],
    hasGeneration: true,
  },
  {
    group: 'policy',
    version: 'v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
    shortNames: ['pdb'],
    hasGeneration: true,
  },
  ...(
    [
      ['Role', 'roles', true],
      ['RoleBinding', 'rolebindings', true],
      ['ClusterRole', 'clusterroles', false],
      ['ClusterRoleBinding', 'clusterrolebindings', false],
    ] as const
  ).map(([kind, plural, namespaced]) => ({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind,
    plural,
    namespaced,
  })),
];

/** The metrics-server API (read only, computed from running pods). */
export const POD_METRICS: ResourceType = {
  group: 'metrics.k8s.io',
  version: 'v1beta1',
  kind: 'PodMetrics',
  plural: 'pods',
  namespaced: true,
};

export function apiVersionOf(type: { group: string; version: string }) {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `deployments.apps`, `pods`: the name RBAC messages and deny rules use. */
export function qualifiedName(type: { group: string; plural: string }) {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export function splitApiVersion(apiVersion: string) {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

function derivePlural(kind: string) {
  const lower = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/**
 * Finds the type of an applied object. Built-in kinds must use the served
 * version (e.g. `autoscaling/v2`); other kinds are treated as namespaced
 * custom resources whose plural is derived from the kind.
 */
export function resourceForKind(
  apiVersion: string,
  kind: string,
  customTypes: ResourceType[],
): { type?: ResourceType; error?: string } {
  const { group, version } = splitApiVersion(apiVersion);
  const builtin = BUILTIN_RESOURCES.find(
    r => r.group === group && r.kind === kind,
  );
  if (builtin) {
    if (builtin.version !== version) {
      return {
        error: `no matches for kind "${kind}" in version "${apiVersion}" (this stand-in serves ${apiVersionOf(
          builtin,
        )})`,
      };
    }
    return { type: builtin };
  }
  if (!group) {
    return {
      error: `no matches for kind "${kind}" in version "${apiVersion}"`,
    };
  }
  const known = customTypes.find(
    r => r.group === group && r.version === version && r.kind === kind,
  );
  return {
    type: known ?? {
      group,
      version,
      kind,
      plural: derivePlural(kind),
      namespaced: true,
      hasGeneration: true,
    },
  };
}

/** Finds the type served at `/api(s)/<group>/<version>/<plural>`. */
export function resourceForPath(
  group: string,
  version: string,
  plural: string,
  customTypes: ResourceType[],
): ResourceType | undefined {
  return [...BUILTIN_RESOURCES, ...customTypes].find(
    r => r.group === group && r.version === version && r.plural === plural,
  );
}
