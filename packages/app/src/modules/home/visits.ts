/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { VisitInput } from '@backstage/plugin-home';

const ENTITY_PAGE = /^(\/catalog\/[^/]+\/[^/]+\/[^/]+)(?:\/.*)?$/;

/**
 * An entity's tabs count as visits of the entity: `/catalog/default/
 * component/orders/ci` is saved as `/catalog/default/component/orders`.
 */
export function entityRootPath(pathname: string): string {
  return ENTITY_PAGE.exec(pathname)?.[1] ?? pathname;
}

/** Only entity pages are kept: the home page lists visited entities. */
export function isEntityVisit(visit: VisitInput): boolean {
  return Boolean(visit.entityRef) && ENTITY_PAGE.test(visit.pathname);
}
