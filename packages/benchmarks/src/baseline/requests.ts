/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** The list requests both apps are loaded with (the same bytes on both). */
export function listPaths() {
  const base: [string, string][] = [
    ['limit', '20'],
    ['orderField', 'metadata.name,asc'],
    ['filter', 'kind=component,spec.lifecycle=production'],
  ];
  const at = (params: [string, string][]) =>
    `/api/catalog/entities/by-query?${new URLSearchParams(params)}`;
  return {
    listWithCount: at(base),
    pageQuery: at([...base, ['totalItems', 'exclude']]),
  };
}
