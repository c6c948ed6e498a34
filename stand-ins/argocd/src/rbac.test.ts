/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readPolicyFile } from './options';
import { globToRegExp, RbacPolicy } from './rbac';
import { ArgoCdStandIn, createArgoCdStandIn } from './standIn';

const POLICY = `
# the portal
p, role:portal, applications, get, team-a/*, allow
p, role:portal, applications, create, team-a/*, allow
p, role:portal, applications, get, team-b/*, allow
p, role:portal, applications, get, team-b/secret-*, deny
g, portal-account, role:portal
`;

describe('RbacPolicy', () => {
  it('matches globs as Argo CD does: * spans any text, {a,b} alternatives', () => {
    expect(globToRegExp('team-a/*').test('team-a/x/y')).toBe(true);
    expect(globToRegExp('team-a/*').test('team-ab/x')).toBe(false);
    expect(globToRegExp('{get,create}').test('create')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  it('grants through g bindings, lets deny win, and records the lines that granted', () => {
    const policy = new RbacPolicy(POLICY);
    expect(
      policy.enforce('portal-account', 'applications', 'get', 'team-a/x'),
    ).toBe(true);
    expect(
      policy.enforce('portal-account', 'applications', 'create', 'team-b/x'),
    ).toBe(false);
    expect(
      policy.enforce(
        'portal-account',
        'applications',
        'get',
        'team-b/secret-x',
      ),
    ).toBe(false);
    expect(
      policy.enforce('someone-else', 'applications', 'get', 'team-a/x'),
    ).toBe(false);
    expect(
      policy.enforce('portal-account', 'applications', 'delete', 'team-a/x'),
    ).toBe(false);
    expect(policy.usedLines()).toEqual([
      'p, role:portal, applications, get, team-a/*, allow',
      'g, portal-account, role:portal',
    ]);
    expect(policy.policyLines()).toHaveLength(5);
  });

  it('refuses a malformed line, naming it and the allowed shapes', () => {
    expect(() => new RbacPolicy('p, role:x, applications, get, allow')).toThrow(
      'policy line "p, role:x, applications, get, allow" is neither "p, subject, resource, action, object, effect" nor "g, subject, role"',
    );
    expect(() => new RbacPolicy('p, r, applications, get, a/*, maybe')).toThrow(
      /effect must be allow or deny/,
    );
  });
});

describe('readPolicyFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rbac-file-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('composes policy.csv and every policy.<name>.csv of argocd-rbac-cm, and reads a plain CSV as is', () => {
    const cm = path.join(dir, 'cm.yaml');
    fs.writeFileSync(
      cm,
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: argocd-rbac-cm}',
        'data:',
        "  policy.z.csv: 'g, z, role:z'",
        "  policy.csv: 'g, base, role:base'",
        "  policy.default: 'role:readonly'",
        "  policy.a.csv: 'g, a, role:a'",
      ].join('\n'),
    );
    expect(readPolicyFile(cm).split('\n')).toEqual([
      'g, base, role:base',
      'g, a, role:a',
      'g, z, role:z',
    ]);
    const csv = path.join(dir, 'policy.csv');
    fs.writeFileSync(csv, POLICY);
    expect(readPolicyFile(csv)).toBe(POLICY);
    fs.writeFileSync(cm, 'kind: ConfigMap\nmetadata: {name: argocd-cm}\n');
    expect(() => readPolicyFile(cm)).toThrow(
      /holds no argocd-rbac-cm ConfigMap/,
    );
  });
});

describe('the stand-in with a policy', () => {
  const TOKEN = 'rbac-test-token';
  const ADMIN = 'rbac-admin-token';
  let standIn: ArgoCdStandIn;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-rbac-'));
    standIn = await createArgoCdStandIn({
      port: 0,
      token: TOKEN,
      dataDir,
      syncDelayMs: 50,
      projects: ['team-a', 'team-b'],
      rbac: { policy: POLICY, account: 'portal-account', adminToken: ADMIN },
    });
  });
  afterAll(async () => {
    await standIn.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (
    method: string,
    p: string,
    body?: unknown,
    token = TOKEN,
  ) => {
    const res = await fetch(`${standIn.url}${p}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const app = (name: string, project: string) => ({
    metadata: { name },
    spec: {
      project,
      source: {
        repoURL: 'https://github.com/acme/x.git',
        path: '.',
        targetRevision: 'main',
      },
      destination: { name: 'in-cluster', namespace: project },
    },
  });

  it("creates where the policy allows and refuses elsewhere with Argo CD's message", async () => {
    expect(
      (await call('POST', '/api/v1/applications', app('a1', 'team-a'))).status,
    ).toBe(200);
    const denied = await call(
      'POST',
      '/api/v1/applications',
      app('b1', 'team-b'),
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 7 });
    expect(denied.body.message).toMatch(
      /^permission denied: applications, create, team-b\/b1, sub: portal-account, iat: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    // The admin token is not bound by the policy.
    expect(
      (await call('POST', '/api/v1/applications', app('b1', 'team-b'), ADMIN))
        .status,
    ).toBe(200);
    expect(
      (
        await call(
          'POST',
          '/api/v1/applications',
          app('secret-1', 'team-b'),
          ADMIN,
        )
      ).status,
    ).toBe(200);
  });

  it('answers get as Argo CD: 404 only for an allowed project, a bare "permission denied" otherwise', async () => {
    expect(
      (await call('GET', '/api/v1/applications/a1?projects=team-a')).status,
    ).toBe(200);
    expect(
      (await call('GET', '/api/v1/applications/missing?projects=team-a'))
        .status,
    ).toBe(404);
    expect(
      await call('GET', '/api/v1/applications/missing?projects=team-c'),
    ).toEqual({
      status: 403,
      body: {
        error: 'permission denied',
        code: 7,
        message: 'permission denied',
      },
    });
    // An Application the account may not get: denied without the project,
    // denied when the query names its project, "not found" when the query
    // names an allowed one (so its existence does not leak).
    for (const [query, status] of [
      ['', 403],
      ['?projects=team-b', 403],
      ['?projects=team-a', 404],
    ] as const) {
      expect({
        query,
        status: (await call('GET', `/api/v1/applications/secret-1${query}`))
          .status,
      }).toEqual({ query, status });
    }
  });

  it('lists only what the account may get, and refuses delete, sync and projects', async () => {
    const list = await call('GET', '/api/v1/applications');
    expect(list.body.items.map((a: any) => a.metadata.name).sort()).toEqual([
      'a1',
      'b1',
    ]);
    expect((await call('DELETE', '/api/v1/applications/a1')).status).toBe(403);
    expect((await call('POST', '/api/v1/applications/a1/sync')).status).toBe(
      403,
    );
    const project = await call('GET', '/api/v1/projects/team-a');
    expect(project.status).toBe(403);
    expect(project.body.message).toMatch(
      /^permission denied: projects, get, team-a, sub: portal-account/,
    );
    expect(
      (await call('GET', '/api/v1/projects/team-a', undefined, ADMIN)).status,
    ).toBe(200);
  });

  it('records which lines granted a request', () => {
    expect(standIn.rbac!.usedLines()).toEqual([
      'p, role:portal, applications, get, team-a/*, allow',
      'p, role:portal, applications, create, team-a/*, allow',
      'p, role:portal, applications, get, team-b/*, allow',
      'g, portal-account, role:portal',
    ]);
  });
});
