/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Entity } from '@backstage/catalog-model';
import {
  evaluateFilterPredicate,
  FilterPredicate,
} from '@backstage/filter-predicates';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// The Overview's cards as app-config.yaml configures them: the order of the
// status cards, and relation tables only for entities with such relations.

type ExtensionEntry =
  | string
  | Record<
      string,
      { config?: { filter?: FilterPredicate; type?: string } } | boolean
    >;

const extensions: ExtensionEntry[] = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../../app-config.yaml'),
    'utf8',
  ),
).app.extensions;

const ids = extensions.map(e =>
  typeof e === 'string' ? e : Object.keys(e)[0],
);

function configOf(id: string) {
  const entry = extensions.find(e => typeof e !== 'string' && id in e);
  const value = entry && typeof entry !== 'string' ? entry[id] : undefined;
  return typeof value === 'object' ? value.config ?? {} : {};
}

const RELATION_CARDS = [
  'entity-card:api-docs/provided-apis',
  'entity-card:api-docs/consumed-apis',
  'entity-card:catalog/depends-on-components',
  'entity-card:catalog/depends-on-resources',
  'entity-card:catalog/has-subcomponents',
  'entity-card:api-docs/has-apis',
  'entity-card:catalog/has-components',
  'entity-card:catalog/has-resources',
  'entity-card:catalog/has-systems',
  'entity-card:catalog/has-subdomains',
  'entity-card:api-docs/providing-components',
  'entity-card:api-docs/consuming-components',
];

/** The relation cards the Overview of `subject` shows. */
function shownRelationCards(subject: Entity) {
  return RELATION_CARDS.filter(id =>
    evaluateFilterPredicate(configOf(id).filter!, subject),
  );
}

function entity(kind: string, relations: Array<[string, string]> = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'orders-demo', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'experimental', owner: 'platform' },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

// What the FastAPI template registers: an owner and a system, nothing else.
const newService = entity('Component', [
  ['ownedBy', 'group:default/platform'],
  ['partOf', 'system:default/developer-platform'],
]);

describe('the Overview in app-config.yaml', () => {
  it('lists About, Argo CD, CI and Kubernetes first, in that order', () => {
    const status = [
      'entity-card:catalog/about',
      'entity-card:argocd/status',
      'entity-card:github-actions/latest-runs',
      'entity-card:kubernetes/pods-summary',
    ];
    expect(status.map(id => ids.indexOf(id))).toEqual(
      [...status.map(id => ids.indexOf(id))].sort((a, b) => a - b),
    );
    expect(status.every(id => ids.includes(id))).toBe(true);
    expect(configOf('entity-card:catalog/links').type).toBe('content');
  });

  it('gives every relation table a filter', () => {
    for (const id of RELATION_CARDS) {
      expect({ id, filter: configOf(id).filter }).toEqual({
        id,
        filter: expect.any(Object),
      });
    }
  });

  it('shows no relation table for a new service', () => {
    expect(shownRelationCards(newService)).toEqual([]);
  });

  it('shows each table once the entity has that relation', () => {
    const withRelations = entity('Component', [
      ['ownedBy', 'group:default/platform'],
      ['providesApi', 'api:default/orders-api'],
      ['dependsOn', 'resource:default/orders-db'],
    ]);
    expect(shownRelationCards(withRelations)).toEqual([
      'entity-card:api-docs/provided-apis',
      'entity-card:catalog/depends-on-resources',
    ]);
    expect(
      shownRelationCards(
        entity('Component', [['dependsOn', 'component:default/payments-api']]),
      ),
    ).toEqual(['entity-card:catalog/depends-on-components']);
    expect(
      shownRelationCards(
        entity('System', [
          ['hasPart', 'component:default/orders-demo'],
          ['hasPart', 'api:default/orders-api'],
        ]),
      ),
    ).toEqual([
      'entity-card:api-docs/has-apis',
      'entity-card:catalog/has-components',
    ]);
    expect(shownRelationCards(entity('System'))).toEqual([]);
    expect(
      shownRelationCards(
        entity('API', [['apiProvidedBy', 'component:default/orders-demo']]),
      ),
    ).toEqual(['entity-card:api-docs/providing-components']);
  });
});
