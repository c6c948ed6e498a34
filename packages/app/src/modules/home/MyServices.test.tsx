/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { argoCdApiRef } from '@internal/plugin-argocd';
import { screen, within } from '@testing-library/react';
import { MyServices } from './MyServices';

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'platform' },
});

function render(items: Entity[], getEntityStatus = jest.fn()) {
  const queryEntities = jest.fn(async () => ({
    items,
    totalItems: items.length,
    pageInfo: {},
  }));
  const result = renderInTestApp(<MyServices />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      mockApis.identity({
        userEntityRef: 'user:default/minji-park',
        ownershipEntityRefs: [
          'user:default/minji-park',
          'group:default/platform',
        ],
      }),
      [catalogApiRef, { queryEntities }],
      [argoCdApiRef, { getEntityStatus }],
    ],
  });
  return { result, queryEntities };
}

describe('MyServices', () => {
  it("lists the teams' components with their Argo CD sync and health", async () => {
    const getEntityStatus = jest.fn(async ref => ({
      instance: 'eks',
      appName: ref.name,
      url: 'https://argocd.example.test',
      sync: { status: ref.name === 'orders' ? 'Synced' : 'OutOfSync' },
      health: { status: ref.name === 'orders' ? 'Healthy' : 'Degraded' },
      lastSync: null,
      fetchedAt: '2026-12-01T10:00:00Z',
    }));
    const { queryEntities } = render(
      [
        component('billing', { 'argocd/app-name': 'billing' }),
        component('orders', { 'argocd/app-name': 'orders' }),
        component('shared-lib'),
      ],
      getEntityStatus,
    );
    const rows = await screen.findAllByTestId('my-service');
    expect(rows).toHaveLength(3);
    expect(
      await within(rows[1]).findByText('Synced · Healthy'),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', { name: /orders/ }),
    ).toHaveAttribute('href', '/catalog/default/component/orders');
    expect(
      await within(rows[0]).findByText('OutOfSync · Degraded'),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('not deployed by Argo CD'),
    ).toBeInTheDocument();
    expect(getEntityStatus).toHaveBeenCalledTimes(2);
    expect(queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'component',
          'relations.ownedBy': [
            'user:default/minji-park',
            'group:default/platform',
          ],
        },
      }),
    );
  });

  it('says when Argo CD cannot be asked, per service', async () => {
    render(
      [component('orders', { 'argocd/app-name': 'orders' })],
      jest.fn(async () => {
        throw new Error('Argo CD is unavailable: HTTP 502');
      }),
    );
    expect(
      await screen.findByText('Argo CD status unavailable'),
    ).toBeInTheDocument();
  });

  it('points to Create when the teams own nothing yet', async () => {
    render([]);
    expect(
      await screen.findByText(/Your teams own no components yet/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create one' })).toHaveAttribute(
      'href',
      '/create',
    );
  });
});
