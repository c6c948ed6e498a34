/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_OBJECTS } from '@backstage/plugin-kubernetes-backend';
import yaml from 'js-yaml';
import { findObject, loadYamlFile, repoRoot } from './manifests';

// The portal's Kubernetes plugin asks each cluster for the object types in
// `kubernetes.objectTypes`; the cluster answers with what the read-only
// ClusterRole (deploy/rbac/) grants. Every type asked for must be granted, or
// the Kubernetes tab shows a 403 for it.

const role = findObject(
  loadYamlFile('deploy/rbac/portal-readonly-clusterrole.yaml'),
  'ClusterRole',
  'launchpad-portal-readonly',
);

function granted(group: string, resource: string): boolean {
  return role.rules.some(
    (r: any) =>
      r.apiGroups.includes(group) &&
      r.resources.includes(resource) &&
      ['get', 'list'].every(v => r.verbs.includes(v)),
  );
}

/** `kubernetes.objectTypes` of a config file, as the plugin reads it. */
function objectTypes(file: string): string[] {
  const config: any = yaml.load(
    fs.readFileSync(path.join(repoRoot, file), 'utf8'),
  );
  const types = config.kubernetes.objectTypes;
  // Unset, the plugin asks for all of DEFAULT_OBJECTS.
  return types ?? DEFAULT_OBJECTS.map(o => o.objectType);
}

describe.each(['app-config.production.yaml', 'config/kubernetes.yaml'])(
  'kubernetes.objectTypes in %s',
  file => {
    it('asks only for what deploy/rbac/portal-readonly-clusterrole.yaml grants', () => {
      const refused = objectTypes(file)
        .map(type => DEFAULT_OBJECTS.find(o => o.objectType === type)!)
        .filter(o => !granted(o.group, o.plural))
        .map(o => o.objectType);
      expect(refused).toEqual([]);
    });

    it('leaves out only what the ClusterRole refuses (configmaps)', () => {
      const left = DEFAULT_OBJECTS.filter(
        o => !objectTypes(file).includes(o.objectType),
      ).map(o => o.objectType);
      expect(left).toEqual(['configmaps']);
      expect(granted('', 'configmaps')).toBe(false);
    });
  },
);
