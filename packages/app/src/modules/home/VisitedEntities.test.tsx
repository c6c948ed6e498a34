/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { visitsApiRef } from '@backstage/plugin-home';
import { screen, within } from '@testing-library/react';
import { visitedAgo, VisitedEntities } from './VisitedEntities';

const now = Date.now();
const visits = [
  {
    id: '1',
    name: 'orders',
    pathname: '/catalog/default/component/orders',
    entityRef: 'component:default/orders',
    hits: 7,
    timestamp: now - 3 * 60_000,
  },
  {
    id: '2',
    name: 'payments-db',
    pathname: '/catalog/default/resource/payments-db',
    entityRef: 'resource:default/payments-db',
    hits: 1,
    timestamp: now - 2 * 3600_000,
  },
];

function render(order: 'recent' | 'top', list = jest.fn(async () => visits)) {
  renderInTestApp(<VisitedEntities order={order} />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [[visitsApiRef, { list, save: jest.fn() }]],
  });
  return list;
}

describe('VisitedEntities', () => {
  it('lists the most recent visits with when they were', async () => {
    const list = render('recent');
    const items = within(
      await screen.findByRole('list', { name: 'Recently visited' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/orders',
    );
    expect(within(items[0]).getByText('3 minutes ago')).toBeInTheDocument();
    expect(within(items[1]).getByText('2 hours ago')).toBeInTheDocument();
    expect(list).toHaveBeenCalledWith({
      limit: 6,
      orderBy: [{ field: 'timestamp', direction: 'desc' }],
    });
  });

  it('lists the most visited entities with their visit counts', async () => {
    const list = render('top');
    const items = within(
      await screen.findByRole('list', { name: 'Top visited' }),
    ).getAllByRole('listitem');
    expect(within(items[0]).getByText('7 visits')).toBeInTheDocument();
    expect(within(items[1]).getByText('1 visit')).toBeInTheDocument();
    expect(list).toHaveBeenCalledWith({
      limit: 6,
      orderBy: [{ field: 'hits', direction: 'desc' }],
    });
  });

  it('says what will appear before anything was visited', async () => {
    render(
      'recent',
      jest.fn(async () => []),
    );
    expect(
      await screen.findByText(/catalog pages you open show up here/),
    ).toBeInTheDocument();
  });
});

describe('visitedAgo', () => {
  it('rounds to the largest fitting unit', () => {
    const t = Date.UTC(2026, 11, 6, 12);
    expect(visitedAgo(t - 5_000, t)).toBe('5 seconds ago');
    expect(visitedAgo(t - 90 * 60_000, t)).toBe('2 hours ago');
    expect(visitedAgo(t - 3 * 86400_000, t)).toBe('3 days ago');
  });
});
