/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import path from 'node:path';
import { optionsFromEnv } from './options';
import { findRepoRoot } from './standIn';

describe('optionsFromEnv', () => {
  it('uses the documented defaults', () => {
    const options = optionsFromEnv({});
    expect(options).toMatchObject({
      port: 8088,
      token: 'sandbox-argocd-token',
      syncDelayMs: 2000,
      projects: [],
      clusters: [
        { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
      ],
    });
    expect(options.dataDir).toBe(
      path.join(findRepoRoot(), '.sandbox', 'argocd'),
    );
    expect(findRepoRoot()).toBe(path.resolve(__dirname, '..', '..', '..'));
  });

  it('reads every variable', () => {
    expect(
      optionsFromEnv({
        ARGOCD_STANDIN_PORT: '9099',
        ARGOCD_STANDIN_TOKEN: 't',
        ARGOCD_STANDIN_DATA: '/tmp/x',
        ARGOCD_STANDIN_SYNC_DELAY_MS: '10',
        ARGOCD_STANDIN_PROJECTS: 'team-a, team-b',
        ARGOCD_STANDIN_CLUSTERS:
          'eks-dev=https://127.0.0.1:6443,in-cluster=https://kubernetes.default.svc',
      }),
    ).toEqual({
      port: 9099,
      token: 't',
      dataDir: '/tmp/x',
      syncDelayMs: 10,
      projects: ['team-a', 'team-b'],
      defaultProject: 'locked',
      clusters: [
        { name: 'eks-dev', server: 'https://127.0.0.1:6443' },
        { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
      ],
    });
  });

  it('reads AppProjects from a YAML file and the default project mode', () => {
    const options = optionsFromEnv({
      ARGOCD_STANDIN_PROJECTS_FILE:
        'stand-ins/argocd/src/__fixtures__/appprojects.yaml',
      ARGOCD_STANDIN_DEFAULT_PROJECT: 'open',
    });
    expect(options.defaultProject).toBe('open');
    expect(
      (options.projects as Array<{ metadata: { name: string } }>).map(
        p => p.metadata.name,
      ),
    ).toEqual(['default', 'team-shop']);
  });

  it("reads an RBAC policy from the portal's argocd-rbac-cm file, with the account and an admin token", () => {
    const options = optionsFromEnv({
      ARGOCD_STANDIN_RBAC_POLICY_FILE:
        'deploy/tenancy/argocd-rbac/argocd-rbac.yaml',
      ARGOCD_STANDIN_ADMIN_TOKEN: 'admin-t',
    });
    expect(options.rbac).toMatchObject({
      account: undefined,
      adminToken: 'admin-t',
    });
    expect(options.rbac!.policy).toContain(
      'g, backstage, role:launchpad-portal',
    );
    expect(optionsFromEnv({}).rbac).toBeUndefined();
  });

  it('rejects malformed values with a clear message', () => {
    expect(() =>
      optionsFromEnv({ ARGOCD_STANDIN_DEFAULT_PROJECT: 'closed' }),
    ).toThrow('ARGOCD_STANDIN_DEFAULT_PROJECT must be locked or open');
    expect(() => optionsFromEnv({ ARGOCD_STANDIN_PORT: 'abc' })).toThrow(
      'ARGOCD_STANDIN_PORT must be a non-negative integer',
    );
    expect(() => optionsFromEnv({ ARGOCD_STANDIN_CLUSTERS: 'eks' })).toThrow(
      'must look like name=https://server-url',
    );
  });
});
