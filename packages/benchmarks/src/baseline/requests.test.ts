/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { listPaths } from './requests';

describe('listPaths', () => {
  it('asks both apps the same page of production components, with and without the count', () => {
    const { listWithCount, pageQuery } = listPaths();
    const a = new URL(listWithCount, 'http://x');
    const b = new URL(pageQuery, 'http://x');
    expect(a.pathname).toBe('/api/catalog/entities/by-query');
    expect(Object.fromEntries(a.searchParams)).toEqual({
      limit: '20',
      orderField: 'metadata.name,asc',
      filter: 'kind=component,spec.lifecycle=production',
    });
    expect(Object.fromEntries(b.searchParams)).toEqual({
      ...Object.fromEntries(a.searchParams),
      totalItems: 'exclude',
    });
  });
});
