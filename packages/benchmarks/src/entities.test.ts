/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  parseEntityRef,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import yaml from 'js-yaml';
import { entityMix, generateCatalog, NAME_PREFIX, toYaml } from './entities';

const validators = {
  Group: groupEntityV1alpha1Validator,
  User: userEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  API: apiEntityV1alpha1Validator,
  Component: componentEntityV1alpha1Validator,
};

const countBy = (items: string[]) =>
  items.reduce<Record<string, number>>((acc, k) => {
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

describe('entityMix', () => {
  it('is the issue’s mix at 10,000', () => {
    expect(entityMix(10_000)).toEqual({
      groups: 100,
      users: 1000,
      systems: 50,
      apis: 2000,
      components: 6850,
    });
  });

  it('adds up to the requested total when scaled down', () => {
    for (const total of [50, 500, 777, 2500]) {
      const mix = entityMix(total);
      expect(Object.values(mix).reduce((a, b) => a + b, 0)).toBe(total);
      expect(mix.groups).toBeGreaterThanOrEqual(2);
      expect(mix.components).toBeGreaterThan(mix.apis);
    }
  });

  it('refuses totals too small to relate or not whole', () => {
    expect(() => entityMix(10)).toThrow(/at least 50/);
    expect(() => entityMix(100.5)).toThrow(/whole number/);
  });
});

describe('generateCatalog', () => {
  const catalog = generateCatalog(10_000);
  const byRef = new Map(
    catalog.entities.map(e => [stringifyEntityRef(e as Entity), e]),
  );

  it('generates unique, prefixed entities of the requested kinds', () => {
    expect(catalog.entities).toHaveLength(10_000);
    expect(byRef.size).toBe(10_000);
    expect(countBy(catalog.entities.map(e => e.kind))).toEqual({
      Group: 100,
      User: 1000,
      System: 50,
      API: 2000,
      Component: 6850,
    });
    expect(
      catalog.entities.every(e => e.metadata.name.startsWith(NAME_PREFIX)),
    ).toBe(true);
  });

  it('produces entities the catalog accepts', async () => {
    const policies = [
      new SchemaValidEntityPolicy(),
      new FieldFormatEntityPolicy(),
    ];
    for (const entity of catalog.entities) {
      for (const policy of policies) {
        await expect(policy.enforce(entity as Entity)).resolves.toBeDefined();
      }
      await expect(
        validators[entity.kind].check(entity as Entity),
      ).resolves.toBe(true);
    }
  });

  it('only refers to entities it generated, and counts the reverse relations', () => {
    const seen = {
      ownerOf: 0,
      hasMember: 0,
      hasPart: 0,
      apiProvidedBy: 0,
      dependencyOf: 0,
    };
    const resolve = (ref: string, defaultKind: string) => {
      const target = stringifyEntityRef(parseEntityRef(ref, { defaultKind }));
      expect(byRef.has(target)).toBe(true);
      return target;
    };
    const providers = new Map<string, number>();
    for (const e of catalog.entities) {
      const spec = e.spec as Record<string, any>;
      for (const owner of spec.owner ? [spec.owner] : []) {
        expect(resolve(owner, 'Group')).toMatch(/^group:/);
        seen.ownerOf += 1;
      }
      for (const g of spec.memberOf ?? []) {
        resolve(g, 'Group');
        seen.hasMember += 1;
      }
      if (spec.system) {
        resolve(spec.system, 'System');
        if (e.kind !== 'System') seen.hasPart += 1;
      }
      for (const a of spec.providesApis ?? []) {
        const target = resolve(a, 'API');
        providers.set(target, (providers.get(target) ?? 0) + 1);
        seen.apiProvidedBy += 1;
      }
      for (const d of spec.dependsOn ?? []) {
        expect(resolve(d, 'Component')).not.toBe(
          stringifyEntityRef(e as Entity),
        );
        seen.dependencyOf += 1;
      }
    }
    expect(seen).toEqual(catalog.expected);
    // Every API has exactly one provider.
    expect(providers.size).toBe(catalog.mix.apis);
    expect([...providers.values()].every(n => n === 1)).toBe(true);
  });

  it('spreads lifecycles so the catalog page’s lifecycle filter selects a third', () => {
    const lifecycles = countBy(
      catalog.entities
        .filter(e => e.kind === 'Component')
        .map(e => (e.spec as { lifecycle: string }).lifecycle),
    );
    expect(Object.keys(lifecycles).sort()).toEqual([
      'deprecated',
      'experimental',
      'production',
    ]);
    expect(lifecycles.production).toBe(Math.ceil(6850 / 3));
  });

  it('is deterministic', () => {
    expect(generateCatalog(500)).toEqual(generateCatalog(500));
  });

  it('round-trips through the YAML file a location reads', () => {
    const small = generateCatalog(60);
    const docs = yaml.loadAll(toYaml(small.entities));
    expect(docs).toEqual(small.entities);
  });
});
