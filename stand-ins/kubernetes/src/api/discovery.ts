/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Discovery: the API groups and, per group version, the resources served.

import { apiVersionOf, POD_METRICS, ResourceType } from '../resources';

/** The groups of `types` with their versions (`GET /apis`). */
export function apiGroups(types: ResourceType[]) {
  const byGroup = new Map<string, Set<string>>();
  for (const t of types) {
    if (!t.group) continue;
    if (!byGroup.has(t.group)) byGroup.set(t.group, new Set());
    byGroup.get(t.group)!.add(t.version);
  }
  return [...byGroup.entries()].map(([name, versions]) => {
    const list = [...versions].map(version => ({
      groupVersion: `${name}/${version}`,
      version,
    }));
    return {
      name,
      versions: list,
      preferredVersion: list[0],
    };
  });
}

/** The resources of one group version (`GET /api/v1`, `GET /apis/{group}/{version}`). */
export function apiResourceList(
  types: ResourceType[],
  group: string,
  version: string,
) {
  const inGroup = types.filter(t => t.group === group && t.version === version);
  if (!inGroup.length) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: inGroup.flatMap(t => {
      const readOnly = t === POD_METRICS;
      const main = {
        name: t.plural,
        singularName: t.kind.toLowerCase(),
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: readOnly ? ['get', 'list'] : ['delete', 'get', 'list'],
        ...(t.shortNames && { shortNames: t.shortNames }),
      };
      return t.kind === 'Pod' && !group
        ? [
            main,
            {
              name: 'pods/log',
              singularName: '',
              namespaced: true,
              kind: 'Pod',
              verbs: ['get'],
            },
          ]
        : [main];
    }),
  };
}
