/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { entityRootPath, isEntityVisit } from './visits';

describe('visits', () => {
  it('counts an entity’s tabs as the entity', () => {
    expect(entityRootPath('/catalog/default/component/orders/ci')).toBe(
      '/catalog/default/component/orders',
    );
    expect(entityRootPath('/catalog/default/component/orders')).toBe(
      '/catalog/default/component/orders',
    );
    expect(entityRootPath('/docs/default/component/orders')).toBe(
      '/docs/default/component/orders',
    );
  });

  it('keeps only entity pages', () => {
    const visit = (pathname: string, entityRef?: string) => ({
      pathname,
      entityRef,
      name: 'x',
    });
    expect(
      isEntityVisit(
        visit('/catalog/default/component/orders', 'component:default/orders'),
      ),
    ).toBe(true);
    expect(isEntityVisit(visit('/catalog'))).toBe(false);
    expect(isEntityVisit(visit('/create'))).toBe(false);
    expect(isEntityVisit(visit('/search?query=x'))).toBe(false);
  });
});
