/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Entity } from '@backstage/catalog-model';
import { normalizeGroupRef, TenancyConfig, TenantTeam } from './config';
import {
  hostUnderDomain,
  isDomainName,
  isNamespaceName,
  namespaceMatches,
  patternWithin,
} from './patterns';

/** Group annotations that narrow (never widen) a team's configured rules. */
export const TENANCY_ANNOTATIONS = {
  /** Comma-separated namespace patterns, each within the configured ones. */
  namespaces: 'launchpad.dev/tenancy-namespaces',
  /** Comma-separated cluster names, a subset of the configured ones. */
  clusters: 'launchpad.dev/tenancy-clusters',
  /** `false` forbids internet-facing load balancers for the team. */
  internetFacing: 'launchpad.dev/tenancy-internet-facing',
} as const;

export type IngressScheme = 'internal' | 'internet-facing';

/** What a template or an Argo CD Application asks for. */
export interface DeploymentRequest {
  /** Must be the team's project when given. */
  project?: string;
  /** One of the team's clusters; the first one when absent. */
  cluster?: string;
  namespace: string;
  /** The service's ingress, if it has one. */
  ingress?: {
    /** The service name, for the default host `<serviceName>.<first domain>`. */
    serviceName: string;
    host?: string;
    scheme?: IngressScheme;
  };
}

/** A request that passed the rules, with every derived value filled in. */
export interface ResolvedDeployment {
  team: TenantTeam;
  project: string;
  cluster: string;
  namespace: string;
  ingress?: {
    host: string;
    scheme: IngressScheme;
    /** The team's IngressGroup for this scheme. */
    groupName: string;
    certificateArn?: string;
  };
}

const list = (values: string[]) => values.join(', ');
const splitList = (value: string) =>
  value
    .split(/[\s,]+/)
    .map(v => v.trim())
    .filter(Boolean);

/** The team's rules as one sentence, for messages that say what is allowed. */
export function describeTeam(team: TenantTeam): string {
  return `${team.group} deploys with Argo CD project '${
    team.project
  }' to cluster(s) ${list(team.clusters)}, namespaces ${list(team.namespaces)}`;
}

/**
 * The tenancy rules: who owns which project, clusters, namespaces and
 * domains. Pure: the answers depend only on the config and the arguments.
 */
export class TenancyRules {
  constructor(readonly config: TenancyConfig) {}

  /** The team a Group entity reference stands for, if it is a tenant. */
  team(groupRef: string): TenantTeam | undefined {
    let normalized: string;
    try {
      normalized = normalizeGroupRef(groupRef);
    } catch {
      return undefined;
    }
    return this.config.teams.find(t => t.group === normalized);
  }

  /** The team whose Argo CD project this is. */
  teamByProject(project: string): TenantTeam | undefined {
    return this.config.teams.find(t => t.project === project);
  }

  /** Whether one of the refs is a platform group. */
  isPlatform(groupRefs: Iterable<string>): boolean {
    const platform = new Set(this.config.platformGroups);
    return [...groupRefs].some(ref =>
      platform.has(ref.toLocaleLowerCase('en-US')),
    );
  }

  /** The teams the given groups belong to (or all of them for the platform). */
  teamsFor(groupRefs: string[]): TenantTeam[] {
    if (this.isPlatform(groupRefs)) return this.config.teams;
    const mine = new Set(groupRefs.map(r => r.toLocaleLowerCase('en-US')));
    return this.config.teams.filter(t => mine.has(t.group));
  }

  /**
   * Applies the Group entity's tenancy annotations. They only narrow: an
   * annotated namespace or cluster outside the configured ones is dropped
   * and reported in `ignored`.
   */
  narrow(
    team: TenantTeam,
    group: Entity | undefined,
  ): { team: TenantTeam; ignored: string[] } {
    const annotations = group?.metadata.annotations ?? {};
    const ignored: string[] = [];
    let { namespaces, clusters } = team;
    let { internetFacing } = team.ingress;

    const nsAnnotation = annotations[TENANCY_ANNOTATIONS.namespaces];
    if (nsAnnotation !== undefined) {
      const wanted = splitList(nsAnnotation);
      namespaces = wanted.filter(p =>
        team.namespaces.some(configured => patternWithin(p, configured)),
      );
      ignored.push(
        ...wanted
          .filter(p => !namespaces.includes(p))
          .map(
            p =>
              `${
                TENANCY_ANNOTATIONS.namespaces
              } names '${p}', which is outside the configured namespaces ${list(
                team.namespaces,
              )}`,
          ),
      );
    }
    const clusterAnnotation = annotations[TENANCY_ANNOTATIONS.clusters];
    if (clusterAnnotation !== undefined) {
      const wanted = splitList(clusterAnnotation);
      clusters = wanted.filter(c => team.clusters.includes(c));
      ignored.push(
        ...wanted
          .filter(c => !clusters.includes(c))
          .map(
            c =>
              `${
                TENANCY_ANNOTATIONS.clusters
              } names '${c}', which is not one of the configured clusters ${list(
                team.clusters,
              )}`,
          ),
      );
    }
    if (annotations[TENANCY_ANNOTATIONS.internetFacing] === 'false') {
      internetFacing = false;
    }
    return {
      team: {
        ...team,
        namespaces,
        clusters,
        ingress: { ...team.ingress, internetFacing },
      },
      ignored,
    };
  }

  /**
   * Checks a request against the team's rules. Returns the resolved request,
   * or the problems, each naming what is allowed instead.
   */
  check(
    team: TenantTeam,
    request: DeploymentRequest,
  ):
    | { ok: true; value: ResolvedDeployment }
    | { ok: false; problems: string[] } {
    const problems: string[] = [];
    const project = request.project?.trim() || team.project;
    if (project !== team.project) {
      problems.push(
        `Argo CD project '${project}' is not ${team.group}'s: its services deploy with project '${team.project}'`,
      );
    }

    const cluster = request.cluster?.trim() || team.clusters[0];
    if (!cluster) {
      problems.push(
        `${team.group} has no cluster left after its ${TENANCY_ANNOTATIONS.clusters} annotation`,
      );
    } else if (!team.clusters.includes(cluster)) {
      problems.push(
        `cluster '${cluster}' is not one of ${team.group}'s clusters: ${list(
          team.clusters,
        )}`,
      );
    }

    const namespace = request.namespace?.trim() ?? '';
    const reserved = this.config.reservedNamespaces.find(r =>
      namespaceMatches(r, namespace),
    );
    if (!isNamespaceName(namespace)) {
      problems.push(
        `namespace '${namespace}' is not a Kubernetes namespace name (lowercase letters, digits and '-', at most 63 characters)`,
      );
    } else if (reserved) {
      problems.push(
        `namespace '${namespace}' is reserved for the cluster and the platform (${reserved}); ${
          team.group
        } may deploy to ${list(team.namespaces)}`,
      );
    } else if (!team.namespaces.some(p => namespaceMatches(p, namespace))) {
      const owner = this.config.teams.find(
        t =>
          t.group !== team.group &&
          t.namespaces.some(p => namespaceMatches(p, namespace)),
      );
      problems.push(
        `namespace '${namespace}' does not belong to ${team.group}${
          owner ? ` (it is ${owner.group}'s)` : ''
        }; ${team.group} may deploy to ${list(team.namespaces)}`,
      );
    }

    let ingress: ResolvedDeployment['ingress'];
    if (request.ingress) {
      const domains = team.ingress.domains;
      const host =
        request.ingress.host?.trim().toLocaleLowerCase('en-US') ||
        `${request.ingress.serviceName}.${domains[0]}`;
      if (!isDomainName(host)) {
        problems.push(`ingress host '${host}' is not a DNS name`);
      } else if (!domains.some(d => hostUnderDomain(host, d))) {
        problems.push(
          `ingress host '${host}' is not under ${team.group}'s domains: ${list(
            domains.map(d => `*.${d}`),
          )}`,
        );
      }
      const scheme = request.ingress.scheme ?? 'internal';
      if (scheme !== 'internal' && scheme !== 'internet-facing') {
        problems.push(
          `ingress scheme '${scheme}' must be internal or internet-facing`,
        );
      } else if (scheme === 'internet-facing' && !team.ingress.internetFacing) {
        problems.push(
          `${team.group} may not create internet-facing load balancers, only internal ones (launchpad.tenancy decides; ask the platform team)`,
        );
      }
      ingress = {
        host,
        scheme,
        groupName:
          scheme === 'internet-facing'
            ? team.ingress.publicGroupName
            : team.ingress.groupName,
        ...(team.ingress.certificateArn
          ? { certificateArn: team.ingress.certificateArn }
          : {}),
      };
    }

    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      value: { team, project, cluster: cluster!, namespace, ingress },
    };
  }
}
