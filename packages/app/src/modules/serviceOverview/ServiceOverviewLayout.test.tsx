/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { ServiceOverviewLayout } from './ServiceOverviewLayout';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'platform' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
};

describe('ServiceOverviewLayout', () => {
  it('puts the status cards first, side by side, and the rest below', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <ServiceOverviewLayout
          cards={[
            { type: 'info', element: <div>About card</div> },
            { type: 'content', element: <div>Graph card</div> },
            { type: 'info', element: <div>Argo CD card</div> },
            { element: <div>Links card</div> },
          ]}
        />
      </EntityProvider>,
    );
    const status = await screen.findByRole('region', {
      name: 'Service status',
    });
    expect(
      within(status)
        .getAllByText(/card$/)
        .map(e => e.textContent),
    ).toEqual(['About card', 'Argo CD card']);
    const details = screen.getByTestId('service-details');
    expect(
      within(details)
        .getAllByText(/card$/)
        .map(e => e.textContent),
    ).toEqual(['Graph card', 'Links card']);
    expect(
      status.compareDocumentPosition(details) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('leaves out the lower section when every card is a status card', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <ServiceOverviewLayout
          cards={[{ type: 'info', element: <div>About card</div> }]}
        />
      </EntityProvider>,
    );
    expect(await screen.findByText('About card')).toBeInTheDocument();
    expect(screen.queryByTestId('service-details')).toBeNull();
  });
});
