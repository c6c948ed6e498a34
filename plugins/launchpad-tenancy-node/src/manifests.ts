/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TenancyConfig, TenantTeam } from './config';
import { isNamespaceName } from './patterns';

/** A Kubernetes object as the generator writes it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** A group and kind in an AppProject's resource lists. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** An AppProject as the generator writes it. */
export interface AppProjectManifest extends Manifest {
  spec: {
    description: string;
    sourceRepos: string[];
    sourceNamespaces?: string[];
    destinations: Array<{ name: string; namespace: string }>;
    clusterResourceWhitelist: GroupKind[];
    namespaceResourceBlacklist: GroupKind[];
    orphanedResources?: { warn: boolean };
  };
}

/** Namespace-scoped kinds a team may not manage: the platform owns them. */
export const TEAM_DENIED_KINDS: GroupKind[] = [
  { group: '', kind: 'ResourceQuota' },
  { group: '', kind: 'LimitRange' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

/** The only cluster-scoped kind a team may create (Argo CD's CreateNamespace). */
export const TEAM_CLUSTER_KINDS: GroupKind[] = [
  { group: '', kind: 'Namespace' },
];

/** RBAC names shared with deploy/rbac and the EKS access entry. */
export const PORTAL_READER = {
  group: 'launchpad-portal-readers',
  clusterRole: 'launchpad-portal-readonly',
};

const TEAM_LABEL = 'launchpad.dev/team';
const PART_OF = { 'app.kubernetes.io/part-of': 'launchpad' };

/** The team's AppProject: its destinations, the organization's repositories, no platform kinds. */
export function teamAppProject(
  team: TenantTeam,
  tenancy: Pick<TenancyConfig, 'sourceRepos'>,
): AppProjectManifest {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: team.project,
      labels: { ...PART_OF, [TEAM_LABEL]: team.name },
      annotations: { 'launchpad.dev/group': team.group },
    },
    spec: {
      description: `Services of ${team.group}, created from Launchpad templates (generated from launchpad.tenancy)`,
      sourceRepos: [...tenancy.sourceRepos],
      destinations: team.clusters.flatMap(name =>
        team.namespaces.map(namespace => ({ name, namespace })),
      ),
      clusterResourceWhitelist: TEAM_CLUSTER_KINDS,
      namespaceResourceBlacklist: TEAM_DENIED_KINDS,
      orphanedResources: { warn: true },
    },
  };
}

/**
 * Argo CD's `default` project, locked down as its hardening guide advises:
 * no source, no destination, no kind. An Application that names it (or no
 * project) cannot deploy anything.
 */
export function lockedDefaultProject(): AppProjectManifest {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'default', labels: { ...PART_OF } },
    spec: {
      description:
        'Locked: no source, destination or resource kind. Teams deploy with their own projects (launchpad.tenancy).',
      sourceRepos: [],
      sourceNamespaces: [],
      destinations: [],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [{ group: '*', kind: '*' }],
    },
  };
}

/** Every cluster a team deploys to, in the order first named. */
export function tenancyClusters(tenancy: TenancyConfig): string[] {
  return [...new Set(tenancy.teams.flatMap(t => t.clusters))];
}

/**
 * For one cluster: each team's namespaces that have a fixed name (prefix
 * patterns cannot be created ahead), and a RoleBinding in each that lets the
 * portal's identity read it with the read-only ClusterRole. Nothing
 * cluster-wide: the portal reads no other namespace.
 */
export function clusterNamespaces(
  tenancy: TenancyConfig,
  cluster: string,
): Manifest[] {
  const out: Manifest[] = [];
  for (const team of tenancy.teams.filter(t => t.clusters.includes(cluster))) {
    for (const namespace of team.namespaces.filter(isNamespaceName)) {
      out.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: namespace,
          labels: { ...PART_OF, [TEAM_LABEL]: team.name },
        },
      });
      out.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: {
          name: PORTAL_READER.clusterRole,
          namespace,
          labels: { ...PART_OF, [TEAM_LABEL]: team.name },
        },
        subjects: [
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Group',
            name: PORTAL_READER.group,
          },
        ],
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: PORTAL_READER.clusterRole,
        },
      });
    }
  }
  return out;
}

/** The Argo CD side: the locked default project and one AppProject per team. */
export function argocdProjects(tenancy: TenancyConfig): AppProjectManifest[] {
  return [
    lockedDefaultProject(),
    ...tenancy.teams.map(team => teamAppProject(team, tenancy)),
  ];
}
