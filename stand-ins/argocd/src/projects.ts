/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * AppProjects as Argo CD 3.6 enforces them: source repositories, destinations
 * (cluster by name or server, namespace) and the cluster/namespace resource
 * allow and deny lists, with Argo CD's own messages. The rules follow Argo
 * CD's `AppProject.IsSourcePermitted`, `IsDestinationPermitted` and
 * `IsGroupKindPermitted`: globs, `!` deny patterns for repositories, a nil
 * namespace whitelist allowing every kind but an empty cluster whitelist none.
 */
import { createHash } from 'node:crypto';

export interface GroupKind {
  group: string;
  kind: string;
  /** Cluster resource items only: a glob on the resource name. */
  name?: string;
}

export interface ProjectDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** The parts of `v1alpha1AppProjectSpec` the stand-in enforces (others are kept as given). */
export interface AppProjectSpec {
  description?: string;
  sourceRepos?: string[];
  sourceNamespaces?: string[];
  destinations?: ProjectDestination[];
  clusterResourceWhitelist?: GroupKind[];
  clusterResourceBlacklist?: GroupKind[];
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist?: GroupKind[];
  [field: string]: unknown;
}

/** An AppProject as given to the stand-in (the manifests in deploy/ have this shape). */
export interface AppProjectDefinition {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: AppProjectSpec;
}

/** Everything allowed: the stand-in's projects named only by a string. */
export const OPEN_PROJECT_SPEC: AppProjectSpec = {
  sourceRepos: ['*'],
  destinations: [{ server: '*', name: '*', namespace: '*' }],
  clusterResourceWhitelist: [{ group: '*', kind: '*' }],
};

/** `default` locked down as Argo CD's hardening guide advises (as in deploy/tenancy/argocd/). */
export const LOCKED_DEFAULT_SPEC: AppProjectSpec = {
  description:
    'Locked default project (stand-in): no source, destination or kind',
  sourceRepos: [],
  sourceNamespaces: [],
  destinations: [],
  clusterResourceWhitelist: [],
  namespaceResourceBlacklist: [{ group: '*', kind: '*' }],
};

/** Argo CD's messages, word for word. */
export const messages = {
  repoNotPermitted: (repo: string, project: string) =>
    `application repo ${repo} is not permitted in project '${project}'`,
  destinationNotPermitted: (
    server: string,
    namespace: string,
    project: string,
  ) =>
    `application destination server '${server}' and namespace '${namespace}' do not match any of the allowed destinations in project '${project}'`,
  resourceNotPermitted: (group: string, kind: string, project: string) =>
    `resource ${group}:${kind} is not permitted in project ${project}`,
  namespaceNotPermitted: (namespace: string, project: string) =>
    `namespace ${namespace} is not permitted in project '${project}'`,
  syncTasksNotValid: 'one or more synchronization tasks are not valid',
};

function escapeRegExp(text: string) {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Go's glob as Argo CD uses it: `*` matches any run of characters except
 * `separator` (any character when there is none), `**` crosses separators.
 */
export function globMatch(pattern: string, value: string, separator?: string) {
  if (pattern === '*' && !separator) return true;
  const sep = separator ? escapeRegExp(separator) : '';
  const body = pattern
    .split('**')
    .map(part =>
      part
        .split('*')
        .map(escapeRegExp)
        .join(sep ? `[^${sep}]*` : '.*'),
    )
    .join('.*');
  return new RegExp(`^${body}$`).test(value);
}

/** Argo CD's `git.NormalizeGitURL` for comparison: lower case, no `.git`, no trailing `/`. */
export function normalizeRepoUrl(url: string) {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

export function isSourcePermitted(spec: AppProjectSpec, repoURL: string) {
  const source = normalizeRepoUrl(repoURL);
  let allowed = false;
  for (const pattern of spec.sourceRepos ?? []) {
    if (pattern.startsWith('!')) {
      if (globMatch(normalizeRepoUrl(pattern.slice(1)), source, '/')) {
        return false;
      }
    } else if (
      pattern === '*' ||
      globMatch(normalizeRepoUrl(pattern), source, '/')
    ) {
      allowed = true;
    }
  }
  return allowed;
}

/** `cluster` is the destination cluster as resolved from the Application (name and server). */
export function isDestinationPermitted(
  spec: AppProjectSpec,
  cluster: { name?: string; server?: string },
  namespace: string,
) {
  return (spec.destinations ?? []).some(item => {
    const byServer =
      Boolean(cluster.server && item.server) &&
      globMatch(item.server!, cluster.server!);
    const byName =
      Boolean(cluster.name && item.name) &&
      globMatch(item.name!, cluster.name!);
    return (byServer || byName) && globMatch(item.namespace ?? '', namespace);
  });
}

const inList = (list: GroupKind[], group: string, kind: string) =>
  list.some(item => globMatch(item.group, group) && globMatch(item.kind, kind));

export function isGroupKindPermitted(
  spec: AppProjectSpec,
  group: string,
  kind: string,
  namespaced: boolean,
) {
  if (namespaced) {
    const white = spec.namespaceResourceWhitelist;
    const black = spec.namespaceResourceBlacklist ?? [];
    const whitelisted = white === undefined || inList(white, group, kind);
    return whitelisted && !inList(black, group, kind);
  }
  const white = spec.clusterResourceWhitelist ?? [];
  const black = spec.clusterResourceBlacklist ?? [];
  return inList(white, group, kind) && !inList(black, group, kind);
}

/** A rendered object as the sync sees it. */
export interface SyncObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** One resource's result, in Argo CD's `v1alpha1ResourceResult` shape. */
export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: 'SyncFailed';
  message: string;
  hookPhase: 'Failed';
  syncPhase: 'Sync';
}

/**
 * The sync-time checks: every object's kind must be permitted, and a
 * namespaced object's namespace must be a permitted destination. Returns the
 * failed resources (none when everything may be synced).
 */
export function checkSyncObjects(
  project: AppProjectDefinition,
  cluster: { name?: string; server?: string },
  defaultNamespace: string,
  objects: SyncObject[],
  isNamespaced: (group: string, kind: string) => boolean,
): ResourceResult[] {
  const failed: ResourceResult[] = [];
  const name = project.metadata.name;
  for (const object of objects) {
    const [group, version] = object.apiVersion.includes('/')
      ? object.apiVersion.split('/')
      : ['', object.apiVersion];
    const namespaced = isNamespaced(group, object.kind);
    const namespace = namespaced
      ? object.metadata.namespace ?? defaultNamespace
      : '';
    let message: string | undefined;
    if (!isGroupKindPermitted(project.spec, group, object.kind, namespaced)) {
      message = messages.resourceNotPermitted(group, object.kind, name);
    } else if (
      namespaced &&
      !isDestinationPermitted(project.spec, cluster, namespace)
    ) {
      message = messages.namespaceNotPermitted(namespace, name);
    }
    if (message) {
      failed.push({
        group,
        version,
        kind: object.kind,
        namespace,
        name: object.metadata.name,
        status: 'SyncFailed',
        message,
        hookPhase: 'Failed',
        syncPhase: 'Sync',
      });
    }
  }
  return failed;
}

/** The AppProjects the stand-in knows, served as `v1alpha1AppProject`. */
export class ProjectRegistry {
  private readonly projects = new Map<string, AppProjectDefinition>();

  constructor(
    definitions: Array<string | AppProjectDefinition>,
    defaultProject: 'locked' | 'open' = 'locked',
  ) {
    this.projects.set('default', {
      metadata: { name: 'default' },
      spec: defaultProject === 'open' ? OPEN_PROJECT_SPEC : LOCKED_DEFAULT_SPEC,
    });
    for (const definition of definitions) {
      const project =
        typeof definition === 'string'
          ? { metadata: { name: definition }, spec: OPEN_PROJECT_SPEC }
          : definition;
      this.projects.set(project.metadata.name, project);
    }
  }

  get(name: string): AppProjectDefinition | undefined {
    return this.projects.get(name);
  }

  names(): string[] {
    return [...this.projects.keys()];
  }

  /** The project as the API returns it. */
  resource(name: string, namespace: string) {
    const project = this.projects.get(name);
    if (!project) return undefined;
    return {
      metadata: {
        name,
        namespace,
        uid: createHash('sha1').update(`project/${name}`).digest('hex'),
        resourceVersion: '1',
        creationTimestamp: '2026-01-01T00:00:00Z',
        ...(project.metadata.labels ? { labels: project.metadata.labels } : {}),
        ...(project.metadata.annotations
          ? { annotations: project.metadata.annotations }
          : {}),
      },
      spec: project.spec,
      status: {},
    };
  }
}

/**
 * What Argo CD's `ValidatePermissions` reports for an Application whose
 * cluster exists: its repository and its destination against the project.
 * Empty when both are permitted.
 */
export function permissionConditions(
  project: AppProjectDefinition,
  app: {
    spec: {
      source?: { repoURL?: string };
      destination: { namespace?: string };
    };
  },
  cluster: { name?: string; server?: string },
): string[] {
  const name = project.metadata.name;
  const conditions: string[] = [];
  const repo = app.spec.source?.repoURL ?? '';
  if (!isSourcePermitted(project.spec, repo)) {
    conditions.push(messages.repoNotPermitted(repo, name));
  }
  const namespace = app.spec.destination.namespace ?? '';
  if (!isDestinationPermitted(project.spec, cluster, namespace)) {
    conditions.push(
      messages.destinationNotPermitted(cluster.server ?? '', namespace, name),
    );
  }
  return conditions;
}
