/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TenancyConfig } from './config';
import { Manifest } from './manifests';

/**
 * The portal's Argo CD account and role. The account is a local account with
 * the `apiKey` capability only; its token is the portal's `ARGOCD_TOKEN`.
 */
export const PORTAL_ARGOCD_ACCOUNT = {
  account: 'backstage',
  role: 'role:launchpad-portal',
  /**
   * The `argocd-rbac-cm` key. Argo CD reads every `policy.<name>.csv` key
   * after `policy.csv`, so this composes with a policy that is already there.
   */
  policyKey: 'policy.launchpad.csv',
};

/** The portal's own Argo CD Application (deploy/argocd/application.yaml). */
export interface PortalApplicationRef {
  project: string;
  name: string;
}

/** One `p` line: subject, resource, action, object (`<project>/<app>`), effect. */
export interface ArgoCdPolicyRule {
  resource: 'applications';
  action: 'get' | 'create';
  object: string;
  /** Which of the portal's calls need it (for the generated comment and tests). */
  usedBy: string;
}

/**
 * Least privilege for what the portal's code calls, per team project and for
 * the portal's own Application:
 *
 * - `argocd:app:checkAvailable` and `argocd:app:create`: `GET
 *   /api/v1/applications/{name}?projects=<project>` (applications, get);
 * - `argocd:app:create`: `POST /api/v1/applications?upsert=false`
 *   (applications, create; the template never sets `upsert`, which would
 *   also need applications, update);
 * - `argocd:app:wait`: `GET /api/v1/applications/{name}` (applications, get);
 * - the Argo CD status card (plugins/argocd-backend): `GET
 *   /api/v1/applications?name=` (a list Argo CD filters by applications,
 *   get) for the teams' services and the portal's own Application.
 *
 * Nothing else: no update, delete, sync, override, projects, clusters or
 * repositories.
 */
export function argocdPolicyRules(
  tenancy: Pick<TenancyConfig, 'teams'>,
  portalApplication: PortalApplicationRef,
): ArgoCdPolicyRule[] {
  const projects = [...new Set(tenancy.teams.map(t => t.project))];
  return [
    ...projects.flatMap((project): ArgoCdPolicyRule[] => [
      {
        resource: 'applications',
        action: 'get',
        object: `${project}/*`,
        usedBy:
          'argocd:app:checkAvailable, argocd:app:create, argocd:app:wait, the status card',
      },
      {
        resource: 'applications',
        action: 'create',
        object: `${project}/*`,
        usedBy: 'argocd:app:create',
      },
    ]),
    {
      resource: 'applications',
      action: 'get',
      object: `${portalApplication.project}/${portalApplication.name}`,
      usedBy: "the status card of the portal's own Application",
    },
  ];
}

/** The policy CSV: the `p` lines and the `g` line binding the account. */
export function argocdPolicyCsv(
  tenancy: Pick<TenancyConfig, 'teams'>,
  portalApplication: PortalApplicationRef,
): string {
  const { account, role } = PORTAL_ARGOCD_ACCOUNT;
  return [
    ...argocdPolicyRules(tenancy, portalApplication).map(
      r => `p, ${role}, ${r.resource}, ${r.action}, ${r.object}, allow`,
    ),
    `g, ${account}, ${role}`,
  ]
    .map(line => `${line}\n`)
    .join('');
}

/**
 * The two ConfigMap fragments for Argo CD's namespace, to be applied with
 * server-side apply so that every other key stays: the account in
 * `argocd-cm` and the policy in `argocd-rbac-cm`.
 */
export function argocdRbacManifests(
  tenancy: Pick<TenancyConfig, 'teams'>,
  portalApplication: PortalApplicationRef,
): Manifest[] {
  const labels = (name: string) => ({
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': 'argocd',
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', labels: labels('argocd-cm') },
      data: { [`accounts.${PORTAL_ARGOCD_ACCOUNT.account}`]: 'apiKey' },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-rbac-cm', labels: labels('argocd-rbac-cm') },
      data: {
        [PORTAL_ARGOCD_ACCOUNT.policyKey]: argocdPolicyCsv(
          tenancy,
          portalApplication,
        ),
      },
    },
  ];
}
