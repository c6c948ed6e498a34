/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  BUILT_IN_RESERVED_NAMESPACES,
  domainsOverlap,
  isDomainName,
  isNamespacePattern,
  patternsOverlap,
} from './patterns';

/** A team's ALB ingress rules. */
export interface TeamIngress {
  /** Domains the team's hosts fall under; the first gives the default host. */
  domains: string[];
  internetFacing: boolean;
  certificateArn?: string;
  /** The team's IngressGroup for `internal` load balancers. */
  groupName: string;
  /** The team's IngressGroup for `internet-facing` ones (one scheme per group). */
  publicGroupName: string;
}

/** One tenant: a catalog Group and what it may deploy to. */
export interface TenantTeam {
  /** The Group entity reference, lower case: `group:default/payments`. */
  group: string;
  /** The Group entity name: `payments`. */
  name: string;
  project: string;
  clusters: string[];
  namespaces: string[];
  ingress: TeamIngress;
}

/** `launchpad.tenancy`, validated, with `{group}` expanded for every team. */
export interface TenancyConfig {
  sourceRepos: string[];
  /** Built-in and configured namespaces no team may own. */
  reservedNamespaces: string[];
  /** `launchpad.access.platformGroups`: may act for every team. */
  platformGroups: string[];
  teams: TenantTeam[];
}

const PROJECT_NAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CLUSTER_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const ALB_GROUP_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const CERTIFICATE_ARN =
  /^arn:aws[-a-z]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

const BUILT_IN_DEFAULTS = {
  project: 'team-{group}',
  namespaces: ['{group}', '{group}-*'],
  groupName: 'launchpad-{group}',
};

/** Lower-cased `group:<namespace>/<name>`; a bare name means `group:default/<name>`. */
export function normalizeGroupRef(ref: string): string {
  const parsed = parseEntityRef(ref.trim(), {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(`'${ref}' is not a Group entity reference`);
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

function readTeamRule(rule: Config | undefined, fallback: Config | undefined) {
  const pick = <T>(read: (c: Config) => T | undefined) =>
    (rule && read(rule)) ?? (fallback && read(fallback));
  return {
    project: pick(c => c.getOptionalString('project')),
    clusters: pick(c => c.getOptionalStringArray('clusters')),
    namespaces: pick(c => c.getOptionalStringArray('namespaces')),
    domains: pick(c => c.getOptionalStringArray('ingress.domains')),
    internetFacing: pick(c => c.getOptionalBoolean('ingress.internetFacing')),
    certificateArn: pick(c => c.getOptionalString('ingress.certificateArn')),
    groupName: pick(c => c.getOptionalString('ingress.groupName')),
  };
}

/**
 * Reads and validates `launchpad.tenancy`. Returns undefined when the section
 * is absent; throws one InputError listing every problem otherwise, so the
 * backend refuses to start with tenancy rules nobody meant.
 */
export function readTenancyConfig(root: Config): TenancyConfig | undefined {
  const tenancy = root.getOptionalConfig('launchpad.tenancy');
  if (!tenancy) return undefined;
  const problems: string[] = [];
  const where = 'launchpad.tenancy';

  const sourceRepos = tenancy.getOptionalStringArray('sourceRepos') ?? [];
  if (sourceRepos.length === 0) {
    problems.push(
      `${where}.sourceRepos must list the repositories Argo CD may deploy from, e.g. https://github.com/<org>/*`,
    );
  }
  for (const repo of sourceRepos) {
    if (!/^\S+$/.test(repo) || repo === '*') {
      problems.push(
        `${where}.sourceRepos entry '${repo}' must be a repository URL or glob such as https://github.com/<org>/*, not '*'`,
      );
    }
  }

  const reservedNamespaces = [
    ...BUILT_IN_RESERVED_NAMESPACES,
    ...(tenancy.getOptionalStringArray('reservedNamespaces') ?? []),
  ];

  const platformGroups: string[] = [];
  for (const ref of root.getOptionalStringArray(
    'launchpad.access.platformGroups',
  ) ?? []) {
    try {
      platformGroups.push(normalizeGroupRef(ref));
    } catch (e) {
      problems.push(`launchpad.access.platformGroups: ${(e as Error).message}`);
    }
  }

  const defaults = tenancy.getOptionalConfig('defaults');
  const teamConfigs = tenancy.getOptionalConfigArray('teams') ?? [];
  if (teamConfigs.length === 0) {
    problems.push(`${where}.teams must list at least one team`);
  }
  const teams: TenantTeam[] = [];
  teamConfigs.forEach((teamConfig, index) => {
    const at = `${where}.teams[${index}]`;
    let group: string;
    try {
      group = normalizeGroupRef(teamConfig.getString('group'));
    } catch (e) {
      problems.push(`${at}.group: ${(e as Error).message}`);
      return;
    }
    const name = parseEntityRef(group).name;
    const expand = (value: string) => value.replaceAll('{group}', name);
    const rule = readTeamRule(teamConfig, defaults);

    const project = expand(rule.project ?? BUILT_IN_DEFAULTS.project);
    if (!PROJECT_NAME.test(project) || project.length > 253) {
      problems.push(
        `${at} (${group}): project '${project}' is not a valid AppProject name (lowercase letters, digits, '-' and '.')`,
      );
    } else if (project === 'default') {
      problems.push(
        `${at} (${group}): project must not be 'default' (the locked-down project); use e.g. team-{group}`,
      );
    }

    const clusters = (rule.clusters ?? []).map(expand);
    if (clusters.length === 0) {
      problems.push(
        `${at} (${group}): no clusters; set ${where}.defaults.clusters or the team's clusters (names registered in Argo CD)`,
      );
    }
    for (const cluster of clusters) {
      if (!CLUSTER_NAME.test(cluster)) {
        problems.push(
          `${at} (${group}): cluster '${cluster}' is not a cluster name (letters, digits, '-', '_' and '.')`,
        );
      }
    }

    const namespaces = (rule.namespaces ?? BUILT_IN_DEFAULTS.namespaces).map(
      expand,
    );
    if (namespaces.length === 0) {
      problems.push(`${at} (${group}): namespaces must not be empty`);
    }
    for (const ns of namespaces) {
      if (!isNamespacePattern(ns)) {
        problems.push(
          `${at} (${group}): namespace '${ns}' is neither a namespace name nor a prefix ending in '*' (lowercase letters, digits and '-', at most 63 characters)`,
        );
        continue;
      }
      const reserved = reservedNamespaces.find(r => patternsOverlap(r, ns));
      if (reserved) {
        problems.push(
          `${at} (${group}): namespace '${ns}' overlaps the reserved namespace '${reserved}'`,
        );
      }
    }

    const domains = (rule.domains ?? []).map(expand);
    if (domains.length === 0) {
      problems.push(
        `${at} (${group}): ingress.domains must list at least one domain, e.g. {group}.apps.example.com`,
      );
    }
    for (const domain of domains) {
      if (!isDomainName(domain)) {
        problems.push(`${at} (${group}): '${domain}' is not a DNS domain`);
      }
    }
    const certificateArn = rule.certificateArn;
    if (certificateArn !== undefined && !CERTIFICATE_ARN.test(certificateArn)) {
      problems.push(
        `${at} (${group}): ingress.certificateArn '${certificateArn}' is not an ACM certificate ARN`,
      );
    }
    const groupName = expand(rule.groupName ?? BUILT_IN_DEFAULTS.groupName);
    const publicGroupName = `${groupName}-public`;
    if (!ALB_GROUP_NAME.test(groupName) || publicGroupName.length > 63) {
      problems.push(
        `${at} (${group}): ingress.groupName '${groupName}' is not a valid IngressGroup name (lowercase letters, digits, '-' and '.', at most 56 characters)`,
      );
    }

    teams.push({
      group,
      name,
      project,
      clusters,
      namespaces,
      ingress: {
        domains,
        internetFacing: rule.internetFacing ?? false,
        ...(certificateArn ? { certificateArn } : {}),
        groupName,
        publicGroupName,
      },
    });
  });

  // Exclusive ownership: no two teams share a group, project, namespace,
  // domain or IngressGroup.
  teams.forEach((a, i) => {
    for (const b of teams.slice(i + 1)) {
      const pair = `${a.group} and ${b.group}`;
      if (a.group === b.group) {
        problems.push(`${where}.teams lists ${a.group} twice`);
        continue;
      }
      if (a.project === b.project) {
        problems.push(`${pair} both use the project '${a.project}'`);
      }
      for (const na of a.namespaces) {
        for (const nb of b.namespaces) {
          if (patternsOverlap(na, nb)) {
            problems.push(
              `${pair} both own namespaces matching '${na}' and '${nb}'; give one of them other namespaces`,
            );
          }
        }
      }
      for (const da of a.ingress.domains) {
        for (const db of b.ingress.domains) {
          if (domainsOverlap(da, db)) {
            problems.push(`${pair} share the ingress domain '${da}'/'${db}'`);
          }
        }
      }
      if (a.ingress.groupName === b.ingress.groupName) {
        problems.push(
          `${pair} share the IngressGroup '${a.ingress.groupName}'`,
        );
      }
    }
  });

  if (problems.length > 0) {
    throw new InputError(
      `Invalid team tenancy configuration: ${problems.join('; ')}.`,
    );
  }
  return { sourceRepos, reservedNamespaces, platformGroups, teams };
}
