/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAll as parseYamlAll } from 'js-yaml';
import { ArgoCdContract } from './contract';
import {
  AppProjectDefinition,
  globMatch,
  isGroupKindPermitted,
  isSourcePermitted,
  LOCKED_DEFAULT_SPEC,
} from './projects';
import {
  ArgoCdStandIn,
  ArgoCdStandInOptions,
  createArgoCdStandIn,
  SyncContext,
} from './standIn';

// AppProject enforcement as Argo CD 3.6 does it, with its own messages; every
// answer is checked against the contract (swagger.json and the CRDs in
// ../contract, unchanged copies of ../shared/contracts/argocd).
const TOKEN = 'projects-test-token';
const contract = ArgoCdContract.load();
const projects = parseYamlAll(
  fs.readFileSync(
    path.join(__dirname, '__fixtures__/appprojects.yaml'),
    'utf8',
  ),
) as AppProjectDefinition[];
const EKS = { name: 'eks', server: 'https://eks.example.test' };

const started: ArgoCdStandIn[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map(s => s.stop()));
  for (const dir of dirs.splice(0))
    fs.rmSync(dir, { recursive: true, force: true });
});

async function start(options: ArgoCdStandInOptions = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-projects-'));
  dirs.push(dataDir);
  const standIn = await createArgoCdStandIn({
    port: 0,
    token: TOKEN,
    dataDir,
    syncDelayMs: 30,
    clusters: [EKS],
    projects: projects.filter(p => p.metadata.name !== 'default'),
    ...options,
  });
  started.push(standIn);
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${standIn.url}${p}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { standIn, call };
}

function app(
  name: string,
  overrides: { project?: string; repoURL?: string; namespace?: string } = {},
) {
  return {
    metadata: { name },
    spec: {
      project: overrides.project ?? 'team-shop',
      source: {
        repoURL: overrides.repoURL ?? `https://github.com/acme/${name}.git`,
        path: 'deploy/overlays/eks',
        targetRevision: 'main',
      },
      destination: { name: 'eks', namespace: overrides.namespace ?? 'shop' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
}

function expectValid(result: { valid: boolean; errors?: string[] }) {
  expect(result).toEqual({ valid: true });
}

async function until<T>(fn: () => Promise<T>, done: (v: T) => boolean) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(JSON.stringify(value));
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('AppProjects in the Argo CD stand-in', () => {
  it('serves its projects as v1alpha1AppProject, valid for the AppProject CRD too', async () => {
    const { call } = await start();
    const list = await call('GET', '/api/v1/projects');
    expect(list.status).toBe(200);
    expectValid(
      contract.validateDefinition('v1alpha1AppProjectList', list.body),
    );
    expect(list.body.items.map((p: any) => p.metadata.name)).toEqual([
      'default',
      'team-shop',
    ]);
    for (const project of list.body.items) {
      expectValid(contract.validateAppProject(project));
    }
    const shop = await call('GET', '/api/v1/projects/team-shop');
    expect(shop.body.spec).toEqual(projects[1].spec);
    // The fixture (the shape deploy/ generates) is valid as a manifest too.
    for (const project of projects) {
      expectValid(contract.validateAppProject(project as any));
    }
    // The validator can fail.
    expect(
      contract.validateAppProject({
        metadata: { name: 'x' },
        spec: { destinations: [{ namespace: 7 }] },
      }).valid,
    ).toBe(false);
  });

  it('locks the default project: nothing can be deployed with it', async () => {
    const { call } = await start();
    const project = await call('GET', '/api/v1/projects/default');
    expect(project.body.spec).toEqual(LOCKED_DEFAULT_SPEC);
    const res = await call(
      'POST',
      '/api/v1/applications?upsert=false&validate=true',
      app('stray', { project: 'default' }),
    );
    expect(res.status).toBe(400);
    expectValid(contract.validateDefinition('runtimeError', res.body));
    expect(res.body).toEqual({
      code: 3,
      error: res.body.message,
      message:
        "application spec for stray is invalid: InvalidSpecError: application repo https://github.com/acme/stray.git is not permitted in project 'default';InvalidSpecError: application destination server 'https://eks.example.test' and namespace 'shop' do not match any of the allowed destinations in project 'default'",
    });
    expect((await call('GET', '/api/v1/applications')).body.items).toEqual([]);
  });

  it('can open the default project, as a fresh Argo CD has it', async () => {
    const { call } = await start({ defaultProject: 'open' });
    const res = await call(
      'POST',
      '/api/v1/applications?upsert=false&validate=true',
      app('anything', { project: 'default', namespace: 'kube-system' }),
    );
    expect(res.status).toBe(200);
  });

  it("refuses a destination outside the project with Argo CD's message", async () => {
    const { call } = await start();
    for (const namespace of ['kube-system', 'argocd', 'orders-x']) {
      const res = await call(
        'POST',
        '/api/v1/applications?upsert=false&validate=true',
        app('orders-api', { namespace }),
      );
      expect({
        namespace,
        status: res.status,
        message: res.body.message,
      }).toEqual({
        namespace,
        status: 400,
        message: `application spec for orders-api is invalid: InvalidSpecError: application destination server 'https://eks.example.test' and namespace '${namespace}' do not match any of the allowed destinations in project 'team-shop'`,
      });
    }
    const inside = await call(
      'POST',
      '/api/v1/applications?upsert=false&validate=true',
      app('orders-api', { namespace: 'shop-orders' }),
    );
    expect(inside.status).toBe(200);
    // An update is checked the same way.
    const moved = await call('PUT', '/api/v1/applications/orders-api', {
      ...app('orders-api', { namespace: 'kube-system' }),
    });
    expect(moved.status).toBe(400);
    expect(moved.body.message).toContain(
      "namespace 'kube-system' do not match any of the allowed destinations in project 'team-shop'",
    );
  });

  it("refuses a repository outside sourceRepos with Argo CD's message", async () => {
    const { call } = await start();
    const res = await call(
      'POST',
      '/api/v1/applications?upsert=false&validate=true',
      app('evil', { repoURL: 'https://github.com/elsewhere/evil.git' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "application spec for evil is invalid: InvalidSpecError: application repo https://github.com/elsewhere/evil.git is not permitted in project 'team-shop'",
    );
  });

  it('stores an unvalidated Application that breaks the rules, but never syncs it', async () => {
    const { call } = await start();
    const res = await call(
      'POST',
      '/api/v1/applications?upsert=false&validate=false',
      app('sneaky', { namespace: 'kube-system' }),
    );
    expect(res.status).toBe(200);
    expectValid(contract.validateApplication(res.body));
    expect(res.body.status).toMatchObject({
      sync: { status: 'Unknown' },
      conditions: [
        {
          type: 'InvalidSpecError',
          message:
            "application destination server 'https://eks.example.test' and namespace 'kube-system' do not match any of the allowed destinations in project 'team-shop'",
        },
      ],
    });
    await new Promise(r => setTimeout(r, 100));
    const later = await call(
      'GET',
      '/api/v1/applications/sneaky?projects=team-shop',
    );
    expect(later.body.status.sync.status).toBe('Unknown');
    expect(later.body.status.operationState).toBeUndefined();
  });

  it('fails a sync whose manifests hold kinds or namespaces the project denies', async () => {
    const seen: SyncContext[] = [];
    const manifests = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'open', namespace: 'shop' },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'admin-too' },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'elsewhere', namespace: 'kube-system' },
      },
    ];
    const clusterScoped = new Set(['Namespace', 'ClusterRole']);
    const { call } = await start({
      onSync: async (_app, context) => {
        seen.push(context);
        const failed = context.check(
          manifests,
          (_g, kind) => !clusterScoped.has(kind),
        );
        return failed.length
          ? {
              error: 'one or more synchronization tasks are not valid',
              resources: failed,
            }
          : {};
      },
    });
    await call(
      'POST',
      '/api/v1/applications?upsert=false&validate=true',
      app('web'),
    );
    const done = await until(
      () => call('GET', '/api/v1/applications/web?projects=team-shop'),
      r => r.body.status?.operationState?.phase === 'Failed',
    );
    expectValid(contract.validateApplication(done.body));
    expect(seen[0].project.metadata.name).toBe('team-shop');
    expect(seen[0].cluster).toEqual(EKS);
    const operation = done.body.status.operationState;
    expect(operation.message).toBe(
      'one or more synchronization tasks are not valid',
    );
    for (const resource of operation.syncResult.resources) {
      expectValid(
        contract.validateDefinition('v1alpha1ResourceResult', resource),
      );
    }
    expect(
      operation.syncResult.resources.map((r: any) => `${r.kind}: ${r.message}`),
    ).toEqual([
      'NetworkPolicy: resource networking.k8s.io:NetworkPolicy is not permitted in project team-shop',
      'ClusterRole: resource rbac.authorization.k8s.io:ClusterRole is not permitted in project team-shop',
      "ConfigMap: namespace kube-system is not permitted in project 'team-shop'",
    ]);
  });
});

describe('AppProject rules', () => {
  it('matches globs as Argo CD does', () => {
    expect(globMatch('shop-*', 'shop-orders')).toBe(true);
    expect(globMatch('shop-*', 'shopping')).toBe(false);
    expect(
      globMatch(
        'https://github.com/acme/*',
        'https://github.com/acme/a/b',
        '/',
      ),
    ).toBe(false);
    expect(
      globMatch(
        'https://github.com/acme/**',
        'https://github.com/acme/a/b',
        '/',
      ),
    ).toBe(true);
  });

  it('normalizes repository URLs and honours deny patterns', () => {
    const spec = {
      sourceRepos: [
        'https://github.com/acme/*',
        '!https://github.com/acme/secret',
      ],
    };
    expect(isSourcePermitted(spec, 'https://GitHub.com/acme/shop.git')).toBe(
      true,
    );
    expect(isSourcePermitted(spec, 'https://github.com/acme/secret.git')).toBe(
      false,
    );
    expect(
      isSourcePermitted({ sourceRepos: [] }, 'https://github.com/acme/shop'),
    ).toBe(false);
  });

  it('allows every namespaced kind without a whitelist, no cluster kind without one', () => {
    expect(isGroupKindPermitted({}, 'apps', 'Deployment', true)).toBe(true);
    expect(isGroupKindPermitted({}, '', 'Namespace', false)).toBe(false);
    expect(
      isGroupKindPermitted(
        { namespaceResourceWhitelist: [] },
        'apps',
        'Deployment',
        true,
      ),
    ).toBe(false);
  });
});
