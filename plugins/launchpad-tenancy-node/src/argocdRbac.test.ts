/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { readTenancyConfig } from './config';
import {
  argocdPolicyCsv,
  argocdRbacManifests,
  PORTAL_ARGOCD_ACCOUNT,
} from './argocdRbac';
import { tenancyConfig } from './__testUtils__/config';

const tenancy = readTenancyConfig(tenancyConfig())!;
const portal = { project: 'launchpad', name: 'launchpad-portal' };

describe('argocdPolicyCsv', () => {
  it('allows get and create per team project, get on the portal’s own Application, and binds the account', () => {
    expect(argocdPolicyCsv(tenancy, portal).split('\n')).toEqual([
      'p, role:launchpad-portal, applications, get, team-payments/*, allow',
      'p, role:launchpad-portal, applications, create, team-payments/*, allow',
      'p, role:launchpad-portal, applications, get, team-orders/*, allow',
      'p, role:launchpad-portal, applications, create, team-orders/*, allow',
      'p, role:launchpad-portal, applications, get, team-platform/*, allow',
      'p, role:launchpad-portal, applications, create, team-platform/*, allow',
      'p, role:launchpad-portal, applications, get, launchpad/launchpad-portal, allow',
      'g, backstage, role:launchpad-portal',
      '',
    ]);
  });

  it('grants nothing beyond applications get/create: no default project, no wildcard project', () => {
    const lines = argocdPolicyCsv(tenancy, portal)
      .trim()
      .split('\n')
      .filter(l => l.startsWith('p, '))
      .map(l => l.split(', '));
    expect(new Set(lines.map(l => l[2]))).toEqual(new Set(['applications']));
    expect(new Set(lines.map(l => l[3]))).toEqual(new Set(['get', 'create']));
    expect(lines.map(l => l[4]).filter(o => /^(default|\*)\//.test(o))).toEqual(
      [],
    );
  });
});

describe('argocdRbacManifests', () => {
  it('adds the apiKey-only account to argocd-cm and the policy under its own key of argocd-rbac-cm', () => {
    const [cm, rbac] = argocdRbacManifests(tenancy, portal) as any[];
    expect(cm.metadata.name).toBe('argocd-cm');
    expect(cm.data).toEqual({ 'accounts.backstage': 'apiKey' });
    expect(rbac.metadata.name).toBe('argocd-rbac-cm');
    expect(Object.keys(rbac.data)).toEqual([PORTAL_ARGOCD_ACCOUNT.policyKey]);
    expect(rbac.data).not.toHaveProperty('policy.csv');
  });
});
