/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ArgoCdStandIn,
  AppProjectDefinition,
  createArgoCdStandIn,
} from '@internal/argocd-stand-in';
import {
  loadTenancyFromFiles,
  readPortalApplication,
  TenancyConfig,
  tenancyDeployFiles,
} from '@internal/plugin-launchpad-tenancy-node';
import {
  byKind,
  contractsDir,
  findObject,
  K8sObject,
  kustomize,
  objectRef,
  repoRoot,
} from './manifests';
import { crdValidator, validateWithModels } from './schemas';

// The platform side of team tenancy, rendered with the real `kubectl
// kustomize`: deploy/tenancy/ is what `yarn deploy:tenancy` generates from
// the same launchpad.tenancy the portal reads, its AppProjects validate
// against Argo CD's CRD and confine each team, the portal reads only team
// namespaces, and the portal's SecretStore has an identity of its own.
jest.setTimeout(120_000);

const SOURCES = ['app-config.yaml', 'app-config.production.yaml'];
const tenancy = loadTenancyFromFiles(
  SOURCES.map(f => path.join(repoRoot, f)),
  {},
) as TenancyConfig;

let argocd: K8sObject[];
const clusters: Record<string, K8sObject[]> = {};
let eks: K8sObject[];

beforeAll(async () => {
  argocd = await kustomize('deploy/tenancy/argocd');
  for (const cluster of new Set(tenancy.teams.flatMap(t => t.clusters))) {
    clusters[cluster] = await kustomize(`deploy/tenancy/clusters/${cluster}`);
  }
  eks = await kustomize('deploy/overlays/eks');
});

async function invalidModels(objects: K8sObject[]) {
  const results = await validateWithModels(objects);
  return results.filter(r => !r.ok).map(r => `${r.ref}: ${r.message}`);
}

describe('deploy/tenancy', () => {
  it('is exactly what `yarn deploy:tenancy` generates from launchpad.tenancy', () => {
    expect(tenancy.teams.length).toBeGreaterThan(1);
    const expected = tenancyDeployFiles(tenancy, SOURCES, {
      portalApplication: readPortalApplication(
        path.join(repoRoot, 'deploy/argocd/application.yaml'),
      ),
    });
    const dir = path.join(repoRoot, 'deploy/tenancy');
    const onDisk = (p: string): string[] =>
      fs
        .readdirSync(path.join(dir, p), { withFileTypes: true })
        .flatMap(e =>
          e.isDirectory()
            ? onDisk(path.join(p, e.name))
            : [path.join(p, e.name)],
        );
    expect(onDisk('').sort()).toEqual(Object.keys(expected).sort());
    for (const [file, text] of Object.entries(expected)) {
      expect({
        file,
        upToDate: fs.readFileSync(path.join(dir, file), 'utf8') === text,
      }).toEqual({ file, upToDate: true });
    }
  });

  it('has AppProjects valid for the AppProject CRD in ../shared/contracts/argocd', async () => {
    const validate = crdValidator(
      path.join(contractsDir, 'argocd', 'appproject-crd.yaml'),
    );
    expect(argocd.map(o => o.kind)).toEqual(argocd.map(() => 'AppProject'));
    expect(argocd.flatMap(validate)).toEqual([]);
    expect(await invalidModels(argocd)).toEqual([]);
    for (const project of argocd) {
      expect(`${objectRef(project)} in ${project.metadata.namespace}`).toBe(
        `${objectRef(project)} in argocd`,
      );
    }
  });

  it("renders the portal's Argo CD account and policy as two ConfigMap fragments in argocd, one key each", async () => {
    const rbac = await kustomize('deploy/tenancy/argocd-rbac');
    expect(await invalidModels(rbac)).toEqual([]);
    expect(
      rbac.map(
        o =>
          `${objectRef(o)} in ${o.metadata.namespace}: ${Object.keys(o.data)}`,
      ),
    ).toEqual([
      'ConfigMap/argocd-cm in argocd: accounts.backstage',
      'ConfigMap/argocd-rbac-cm in argocd: policy.launchpad.csv',
    ]);
    const policy: string = findObject(rbac, 'ConfigMap', 'argocd-rbac-cm').data[
      'policy.launchpad.csv'
    ];
    const portal = readPortalApplication(
      path.join(repoRoot, 'deploy/argocd/application.yaml'),
    );
    expect(policy.trim().split('\n')).toEqual([
      ...tenancy.teams.flatMap(t => [
        `p, role:launchpad-portal, applications, get, ${t.project}/*, allow`,
        `p, role:launchpad-portal, applications, create, ${t.project}/*, allow`,
      ]),
      `p, role:launchpad-portal, applications, get, ${portal.project}/${portal.name}, allow`,
      'g, backstage, role:launchpad-portal',
    ]);
  });

  it('locks the default project: no source, destination or kind', () => {
    const locked = findObject(argocd, 'AppProject', 'default');
    expect(locked.spec).toMatchObject({
      sourceRepos: [],
      destinations: [],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [{ group: '*', kind: '*' }],
    });
  });

  it("confines each team to its clusters and namespaces, the organization's repositories, Namespace as its only cluster kind, and no quota or network policy edits", () => {
    expect(
      argocd
        .map(p => p.metadata.name)
        .filter(n => n !== 'default')
        .sort(),
    ).toEqual(tenancy.teams.map(t => t.project).sort());
    for (const team of tenancy.teams) {
      const project = findObject(argocd, 'AppProject', team.project);
      expect(project.metadata.annotations!['launchpad.dev/group']).toBe(
        team.group,
      );
      expect(project.spec.sourceRepos).toEqual(tenancy.sourceRepos);
      expect(project.spec.sourceRepos).not.toContain('*');
      expect(project.spec.destinations).toEqual(
        team.clusters.flatMap(name =>
          team.namespaces.map(namespace => ({ name, namespace })),
        ),
      );
      expect(
        project.spec.destinations.some(
          (d: any) => d.server || d.name === '*' || d.namespace === '*',
        ),
      ).toBe(false);
      expect(project.spec.clusterResourceWhitelist).toEqual([
        { group: '', kind: 'Namespace' },
      ]);
      expect(project.spec.namespaceResourceBlacklist).toEqual(
        expect.arrayContaining([
          { group: '', kind: 'ResourceQuota' },
          { group: '', kind: 'LimitRange' },
          { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
        ]),
      );
    }
  });

  describe('loaded into the Argo CD stand-in', () => {
    let standIn: ArgoCdStandIn;
    let dataDir: string;
    const token = 'tenancy-manifests-test';
    const cluster = tenancy.teams[0].clusters[0];

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenancy-argocd-'));
      standIn = await createArgoCdStandIn({
        port: 0,
        token,
        dataDir,
        syncDelayMs: 50,
        projects: argocd as unknown as AppProjectDefinition[],
        clusters: [{ name: cluster, server: 'https://eks.example.test' }],
      });
    });
    afterAll(async () => {
      await standIn?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const create = async (project: string, namespace: string) => {
      const res = await fetch(
        `${standIn.url}/api/v1/applications?upsert=false&validate=true`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            metadata: { name: `probe-${namespace}` },
            spec: {
              project,
              source: {
                repoURL: tenancy.sourceRepos[0].replace('*', 'probe.git'),
                path: '.',
                targetRevision: 'main',
              },
              destination: { name: cluster, namespace },
            },
          }),
        },
      );
      return { status: res.status, body: (await res.json()) as any };
    };

    it("lets a team deploy into its namespace and refuses others with Argo CD's message", async () => {
      const [team, other] = tenancy.teams;
      expect((await create(team.project, team.name)).status).toBe(200);
      for (const namespace of ['kube-system', 'argocd', other.name]) {
        const res = await create(team.project, namespace);
        expect({
          namespace,
          status: res.status,
          message: res.body.message,
        }).toEqual({
          namespace,
          status: 400,
          message: `application spec for probe-${namespace} is invalid: InvalidSpecError: application destination server 'https://eks.example.test' and namespace '${namespace}' do not match any of the allowed destinations in project '${team.project}'`,
        });
      }
      const viaDefault = await create('default', `${team.name}-x`);
      expect(viaDefault.status).toBe(400);
      expect(viaDefault.body.message).toContain(
        "is not permitted in project 'default'",
      );
    });
  });

  it('lets the portal read only the team namespaces: RoleBindings there, nothing cluster-wide', async () => {
    for (const [cluster, objects] of Object.entries(clusters)) {
      expect(await invalidModels(objects)).toEqual([]);
      const role = findObject(
        objects,
        'ClusterRole',
        'launchpad-portal-readonly',
      );
      expect(role.rules.flatMap((r: any) => r.verbs).sort()).toEqual(
        expect.arrayContaining(['get', 'list']),
      );
      expect(byKind(objects, 'ClusterRoleBinding')).toEqual([]);
      const fixed = tenancy.teams
        .filter(t => t.clusters.includes(cluster))
        .flatMap(t => t.namespaces.filter(n => !n.includes('*')))
        .sort();
      // kustomize sorts what it renders.
      expect(
        byKind(objects, 'Namespace')
          .map(n => n.metadata.name)
          .sort(),
      ).toEqual(fixed);
      const bindings = byKind(objects, 'RoleBinding');
      expect(bindings.map(b => b.metadata.namespace).sort()).toEqual(fixed);
      for (const binding of bindings) {
        expect(binding.roleRef).toEqual({
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'launchpad-portal-readonly',
        });
        expect(binding.subjects).toEqual([
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Group',
            name: 'launchpad-portal-readers',
          },
        ]);
      }
    }
    // No binding of the portal's reader group anywhere else in deploy/.
    expect(
      fs
        .readFileSync(
          path.join(repoRoot, 'deploy/rbac/portal-readonly-clusterrole.yaml'),
          'utf8',
        )
        .match(/^kind: ClusterRoleBinding/m),
    ).toBeNull();
  });
});

/**
 * The IAM condition operators the policies use, as AWS evaluates them
 * (StringEquals: every key equal; ArnNotEquals: the key differs).
 */
function conditionsHold(
  condition: Record<string, Record<string, string>> | undefined,
  context: Record<string, string>,
) {
  return Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, value]) => {
      if (operator === 'StringEquals') return context[key] === value;
      if (operator === 'ArnNotEquals') return context[key] !== value;
      throw new Error(`condition operator ${operator} is not modelled here`);
    }),
  );
}

describe("the portal's SecretStore identity", () => {
  const read = (f: string) =>
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'deploy/iam', f), 'utf8'));
  const identity = read('external-secrets-policy.json');
  const resource = read('portal-secrets-resource-policy.json');
  const secret =
    'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:launchpad/portal/app-AbCdEf';

  /** Whether GetSecretValue on the portal secret is allowed (identity policy and resource policy). */
  function allowed(context: Record<string, string>, identityPolicy = identity) {
    const matches = (s: any) =>
      [s.Action].flat().includes('secretsmanager:GetSecretValue') &&
      [s.Resource]
        .flat()
        .some((r: string) =>
          new RegExp(`^${r.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(
            secret,
          ),
        ) &&
      conditionsHold(s.Condition, context);
    const statements = [
      ...identityPolicy.Statement,
      ...resource.Statement,
    ].filter(matches);
    if (statements.some((s: any) => s.Effect === 'Deny')) return false;
    return statements.some((s: any) => s.Effect === 'Allow');
  }

  it('is a store of the portal’s own ESO controller, with no auth block borrowed from another identity', () => {
    const store = findObject(eks, 'SecretStore', 'aws-secrets-manager');
    expect(store.metadata.namespace).toBe('launchpad');
    expect(store.spec.controller).toBe('launchpad-portal');
    expect(store.spec.provider.aws.auth).toBeUndefined();
    const account = findObject(
      eks,
      'ServiceAccount',
      'launchpad-secrets-reader',
    );
    expect(account.metadata.namespace).toBe('launchpad');
    // The portal's own pods do not run as the secrets identity.
    const deployment = findObject(eks, 'Deployment', 'launchpad-portal');
    expect(deployment.spec.template.spec.serviceAccountName).not.toBe(
      'launchpad-secrets-reader',
    );
  });

  it('lets only that identity read launchpad/portal/*, and nothing else', () => {
    const store = findObject(eks, 'SecretStore', 'aws-secrets-manager');
    const portalRole =
      'arn:aws:iam::123456789012:role/launchpad-portal-secrets';
    const resources = identity.Statement.flatMap((s: any) =>
      [s.Resource].flat(),
    );
    expect(
      resources.every((r: string) => r.includes(':secret:launchpad/portal/')),
    ).toBe(true);
    // The Pod Identity session of launchpad-secrets-reader in launchpad: allowed.
    expect(
      allowed({
        'aws:PrincipalArn': portalRole,
        'aws:PrincipalTag/eks-cluster-name': 'launchpad',
        'aws:PrincipalTag/kubernetes-namespace': store.metadata.namespace!,
        'aws:PrincipalTag/kubernetes-service-account':
          'launchpad-secrets-reader',
      }),
    ).toBe(true);
    // A SecretStore without auth in another namespace runs as the cluster-wide
    // ESO controller: AccessDenied, even if that role were given this policy.
    const otherNamespace = {
      'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/external-secrets',
      'aws:PrincipalTag/eks-cluster-name': 'launchpad',
      'aws:PrincipalTag/kubernetes-namespace': 'external-secrets',
      'aws:PrincipalTag/kubernetes-service-account': 'external-secrets',
    };
    expect(allowed(otherNamespace)).toBe(false);
    const broad = {
      Statement: [
        {
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
        },
      ],
    };
    expect(allowed(otherNamespace, broad)).toBe(false);
    // The same role from another namespace (a copied association) is denied too.
    expect(
      allowed({
        'aws:PrincipalArn': portalRole,
        'aws:PrincipalTag/eks-cluster-name': 'launchpad',
        'aws:PrincipalTag/kubernetes-namespace': 'payments',
        'aws:PrincipalTag/kubernetes-service-account':
          'launchpad-secrets-reader',
      }),
    ).toBe(false);
  });
});
