/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { withLifecycle } from './frontend';

describe('withLifecycle', () => {
  it('adds the lifecycle to the single filter parameter, keeping the rest', () => {
    const page =
      '/api/catalog/entities/by-query?limit=20&orderField=metadata.name%2Casc&filter=kind%3Dcomponent&totalItems=exclude';
    const path = withLifecycle(page, 'production');
    const url = new URL(path, 'http://portal');
    expect(url.pathname).toBe('/api/catalog/entities/by-query');
    expect([...url.searchParams]).toEqual([
      ['limit', '20'],
      ['orderField', 'metadata.name,asc'],
      ['filter', 'kind=component,spec.lifecycle=production'],
      ['totalItems', 'exclude'],
    ]);
  });

  it('refuses a request without exactly one filter', () => {
    expect(() =>
      withLifecycle('/api/catalog/entities/by-query?limit=20', 'production'),
    ).toThrow(/one filter/);
  });
});
