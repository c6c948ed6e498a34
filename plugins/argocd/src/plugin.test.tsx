/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Entity } from '@backstage/catalog-model';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import plugin from './index';
import { argoCdApiRef, ArgoCdClient } from './api';
import { argoCdApi, argoCdEntityCard } from './plugin';
import { entity, syncedStatus } from './__testUtils__/fixtures';

function withAnnotations(annotations?: Record<string, string>): Entity {
  return { ...entity, metadata: { ...entity.metadata, annotations } };
}

describe('the argocd frontend plugin', () => {
  it('is the package’s default export, with the card and its API', () => {
    expect(plugin.id).toBe('argocd');
    expect(plugin.getExtension('entity-card:argocd/status')).toMatchObject({
      kind: 'entity-card',
      namespace: 'argocd',
      name: 'status',
    });
    expect(plugin.getExtension('api:argocd')).toMatchObject({
      kind: 'api',
      namespace: 'argocd',
    });
  });

  it('shows the card only for entities with the argocd/app-name annotation', () => {
    const tester = createExtensionTester(argoCdEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter).toBeDefined();
    expect(filter(withAnnotations({ 'argocd/app-name': 'shop-api' }))).toBe(
      true,
    );
    expect(filter(withAnnotations(undefined))).toBe(false);
    expect(filter(withAnnotations({}))).toBe(false);
    expect(
      filter(withAnnotations({ 'backstage.io/kubernetes-id': 'shop-api' })),
    ).toBe(false);
    expect(
      filter(withAnnotations({ 'argocd/instance-name': 'production' })),
    ).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
  });

  it('renders the card through its extension', async () => {
    const tester = createExtensionTester(argoCdEntityCard);
    await renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[argoCdApiRef, { getEntityStatus: async () => syncedStatus() }]],
      },
    );
    expect(await screen.findByText('Synced')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
  });

  it('provides an ArgoCdClient for argoCdApiRef', () => {
    const tester = createExtensionTester(argoCdApi);
    const factory = tester.get(ApiBlueprint.dataRefs.factory);
    expect(factory.api).toBe(argoCdApiRef);
    const client = factory.factory({
      discoveryApi: mockApis.discovery(),
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(ArgoCdClient);
  });
});
