/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import yaml from 'js-yaml';

/** Prefix of every generated entity name, so they can be counted apart. */
export const NAME_PREFIX = 'bench-';

export const LIFECYCLES = ['production', 'experimental', 'deprecated'] as const;

export interface GeneratedEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Group' | 'User' | 'System' | 'API' | 'Component';
  metadata: { name: string; description?: string; tags?: string[] };
  spec: Record<string, unknown>;
}

export interface EntityMix {
  groups: number;
  users: number;
  systems: number;
  apis: number;
  components: number;
}

/**
 * Reverse relations the catalog must show on the stitched entities once
 * every generated entity has been processed (each forward relation an
 * entity declares appears, reversed, on its target).
 */
export interface ExpectedRelations {
  /** Group.ownerOf: every System, API and Component has one owner group. */
  ownerOf: number;
  /** Group.hasMember: every User is a member of one group. */
  hasMember: number;
  /** System.hasPart: every API and Component belongs to one system. */
  hasPart: number;
  /** API.apiProvidedBy: every API is provided by one component. */
  apiProvidedBy: number;
  /** Component.dependencyOf: from the components' dependsOn. */
  dependencyOf: number;
}

export interface GeneratedCatalog {
  mix: EntityMix;
  entities: GeneratedEntity[];
  expected: ExpectedRelations;
}

/**
 * The mix of the 10,000-entity catalog (100 Groups, 1,000 Users,
 * 50 Systems, 2,000 APIs, the rest Components), scaled to `total`.
 */
export function entityMix(total: number): EntityMix {
  if (!Number.isInteger(total) || total < 50) {
    throw new Error(
      `--entities must be a whole number of at least 50, got ${total}`,
    );
  }
  const groups = Math.max(2, Math.round(total * 0.01));
  const users = Math.round(total * 0.1);
  const systems = Math.max(2, Math.round(total * 0.005));
  const apis = Math.round(total * 0.2);
  const components = total - groups - users - systems - apis;
  return { groups, users, systems, apis, components };
}

function pad(n: number, count: number) {
  return String(n).padStart(String(count - 1).length, '0');
}

/**
 * A deterministic catalog of `total` entities related like a real
 * organisation: users are members of groups, groups own systems, APIs and
 * components, APIs and components are part of systems, each API is provided
 * by one component and components depend on two others.
 */
export function generateCatalog(total: number): GeneratedCatalog {
  const mix = entityMix(total);
  const name = (kind: string, i: number, count: number) =>
    `${NAME_PREFIX}${kind}-${pad(i, count)}`;
  const group = (i: number) => name('team', i % mix.groups, mix.groups);
  const system = (i: number) => name('system', i % mix.systems, mix.systems);
  const api = (i: number) => name('api', i, mix.apis);
  const component = (i: number) =>
    name('service', i % mix.components, mix.components);

  const entities: GeneratedEntity[] = [];
  for (let i = 0; i < mix.groups; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: group(i), description: `Benchmark team ${i}` },
      spec: {
        type: 'team',
        profile: { displayName: `Team ${i}` },
        children: [],
      },
    });
  }
  for (let i = 0; i < mix.users; i++) {
    const login = name('user', i, mix.users);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: login },
      spec: {
        profile: { displayName: `User ${i}`, email: `${login}@example.com` },
        memberOf: [group(i)],
      },
    });
  }
  for (let i = 0; i < mix.systems; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: system(i), description: `Benchmark system ${i}` },
      spec: { owner: group(i) },
    });
  }
  for (let i = 0; i < mix.apis; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: api(i),
        description: `Benchmark API ${i}`,
        tags: ['rest'],
      },
      spec: {
        type: 'openapi',
        lifecycle: LIFECYCLES[i % LIFECYCLES.length],
        owner: group(i),
        system: system(i),
        definition: `openapi: 3.0.0\ninfo:\n  title: ${api(
          i,
        )}\n  version: 1.0.0\npaths: {}\n`,
      },
    });
  }
  let dependencyOf = 0;
  for (let i = 0; i < mix.components; i++) {
    // Components i and i + components, ... provide API i, so every API has
    // exactly one provider (there are more components than APIs by design;
    // when there are fewer, a component provides several).
    const provides: string[] = [];
    for (let a = i; a < mix.apis; a += mix.components) provides.push(api(a));
    const dependsOn = [...new Set([component(i + 1), component(i + 7)])]
      .filter(d => d !== component(i))
      .map(d => `component:${d}`);
    dependencyOf += dependsOn.length;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: component(i),
        description: `Benchmark service ${i}`,
        tags: ['python', 'fastapi'],
      },
      spec: {
        type: 'service',
        lifecycle: LIFECYCLES[i % LIFECYCLES.length],
        owner: group(i),
        system: system(i),
        providesApis: provides,
        dependsOn,
      },
    });
  }
  return {
    mix,
    entities,
    expected: {
      ownerOf: mix.systems + mix.apis + mix.components,
      hasMember: mix.users,
      hasPart: mix.apis + mix.components,
      apiProvidedBy: mix.apis,
      dependencyOf,
    },
  };
}

/** The catalog as one multi-document YAML file, as a file location reads it. */
export function toYaml(entities: readonly GeneratedEntity[]): string {
  return entities.map(e => yaml.dump(e, { noRefs: true })).join('---\n');
}
