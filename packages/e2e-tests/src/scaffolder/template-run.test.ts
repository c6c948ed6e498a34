/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  repoRoot,
  eventually,
  signInViaGitHub,
  SignedInUser,
  statusAndBody,
} from '@internal/test-support';

// The FastAPI template run through the real scaffolder API, as a signed-in
// organization member, against the GitHub and Argo CD stand-ins of the
// sandbox (which deploy to the Kubernetes stand-in): what it creates, and that
// a taken name, an unknown owner or an invalid name is refused before
// anything is created.
//
// Free ports: the template's RepoUrlPicker `allowedHosts` only filters the
// hosts the form offers; the backend accepts any host that has a GitHub
// integration, and the sandbox config points that at this run's stand-in.
jest.setTimeout(300_000);

const ORG = 'launchpad-demo';
const GITHUB_TOKEN = 'sandbox-github-token';
const SERVICE = 'inventory-api';
/** The Argo CD project launchpad.tenancy gives the platform team. */
const PROJECT = 'team-platform';
/** PORTAL_API_WRITE_TOKEN: the cleanup below unregisters an entity. */
const WRITE_TOKEN = randomBytes(24).toString('hex');

/** The Argo CD stand-in's token, from the sandbox config the portal uses. */
const ARGOCD_TOKEN: string = (
  yaml.load(
    fs.readFileSync(path.join(repoRoot, 'config/argocd.sandbox.yaml'), 'utf8'),
  ) as any
).argocd.instances[0].token;

interface TaskEvent {
  type: string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    error?: { message?: string };
    output?: unknown;
  };
}

interface TaskRun {
  id: string;
  status: string;
  events: TaskEvent[];
  /** The step that failed, if any */
  failedStep?: string;
  /** The task's error (what the task page shows) */
  error?: string;
  messages: string[];
  output: any;
}

describe('the fastapi-service template through the scaffolder API', () => {
  let portal: SandboxPortal;
  let user: SignedInUser;
  let ghHost: string;

  beforeAll(async () => {
    portal = await startSandboxPortal({
      syncDelayMs: 1500,
      env: {
        PORTAL_API_WRITE_TOKEN: WRITE_TOKEN,
        // The platform team may also deploy to a cluster Argo CD does not
        // know (a config mistake): argocd:app:create then fails after the
        // repository exists, which the cleanup test below needs. The Argo
        // CD stand-in's AppProjects come from the config files, without it.
        APP_CONFIG_launchpad_tenancy_teams: JSON.stringify([
          {
            group: 'group:default/platform',
            clusters: ['eks', 'no-such-cluster'],
            ingress: { internetFacing: true },
          },
          { group: 'group:default/payments' },
        ]),
      },
    });
    ghHost = new URL(portal.githubUrl).host;
    const inCatalog = (ref: string) =>
      eventually(
        ref,
        async () =>
          (await portal.api(`/api/catalog/entities/by-name/${ref}`)).status ===
          200
            ? true
            : undefined,
        120_000,
      );
    await inCatalog('user/default/minji-park');
    await inCatalog('group/default/platform');
    await inCatalog('system/default/developer-platform');
    await inCatalog('template/default/fastapi-service');
    user = await signInViaGitHub(portal.baseUrl, 'minji-park');
  });

  afterAll(async () => {
    await portal?.stop();
  });

  // --- the stand-ins, read the way a person would check them ---------------

  async function github(pathname: string) {
    const res = await fetch(`${portal.githubUrl}/api/v3${pathname}`, {
      headers: { authorization: `token ${GITHUB_TOKEN}` },
    });
    return statusAndBody(res);
  }

  async function repoNames(): Promise<string[]> {
    const { status, body } = await github(`/orgs/${ORG}/repos?per_page=100`);
    if (status !== 200)
      throw new Error(
        `listing repositories: ${status} ${JSON.stringify(body)}`,
      );
    return (body as Array<{ name: string }>).map(r => r.name).sort();
  }

  async function argocdApp(name: string) {
    // Naming the project, as Argo CD needs to answer 404 rather than 403.
    const res = await fetch(
      `${portal.argocdUrl}/api/v1/applications/${name}?projects=${PROJECT}`,
      {
        headers: { authorization: `Bearer ${ARGOCD_TOKEN}` },
      },
    );
    return { status: res.status, body: (await res.json()) as any };
  }

  async function argocdAppNames(): Promise<string[]> {
    const res = await fetch(`${portal.argocdUrl}/api/v1/applications`, {
      headers: { authorization: `Bearer ${ARGOCD_TOKEN}` },
    });
    if (!res.ok) throw new Error(`listing applications: ${res.status}`);
    const body = (await res.json()) as {
      items?: Array<{ metadata: { name: string } }>;
    };
    return (body.items ?? []).map(a => a.metadata.name).sort();
  }

  async function catalogLocations(): Promise<string[]> {
    const { status, body } = await portal.api<
      Array<{ data: { target: string } }>
    >('/api/catalog/locations');
    if (status !== 200) throw new Error(`listing locations: ${status}`);
    return body.map(l => l.data.target).sort();
  }

  /** Everything the template could create, to compare before and after a refused run. */
  async function snapshot(name: string) {
    const commits = await github(`/repos/${ORG}/${name}/commits?sha=main`);
    const app = await argocdApp(name);
    return {
      repos: await repoNames(),
      commits:
        commits.status === 200
          ? (commits.body as Array<{ sha: string }>).map(c => c.sha)
          : [],
      locations: await catalogLocations(),
      apps: await argocdAppNames(),
      app:
        app.status === 200
          ? {
              resourceVersion: app.body.metadata.resourceVersion,
              spec: app.body.spec,
            }
          : app.status,
    };
  }

  // --- the scaffolder API -------------------------------------------------

  function values(overrides: Record<string, unknown> = {}) {
    const name = (overrides.name as string) ?? SERVICE;
    return {
      name,
      description: '재고 조회 API (inventory)',
      owner: 'group:default/platform',
      system: 'system:default/developer-platform',
      pythonVersion: '3.12',
      repoUrl: `${ghHost}?owner=${ORG}&repo=${name}`,
      visibility: 'private',
      // One of the platform team's namespaces (launchpad.tenancy).
      namespace: 'platform-inventory',
      imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
      replicas: 2,
      ingressScheme: 'internal',
      waitForSync: true,
      ...overrides,
    };
  }

  async function createTask(v: Record<string, unknown>) {
    return user.fetch('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/fastapi-service',
        values: v,
      }),
    });
  }

  /** Starts a run and waits until it ends. */
  async function runTemplate(v: Record<string, unknown>): Promise<TaskRun> {
    const res = await createTask(v);
    if (res.status !== 201) {
      throw new Error(
        `creating the task answered ${res.status}: ${await res.text()}`,
      );
    }
    const { id } = (await res.json()) as { id: string };
    const task = await eventually(
      `task ${id} to end`,
      async () => {
        const r = await user.fetch(`/api/scaffolder/v2/tasks/${id}`);
        if (!r.ok) throw new Error(`task ${id}: ${r.status} ${await r.text()}`);
        const body = (await r.json()) as { status: string };
        return ['completed', 'failed', 'cancelled'].includes(body.status)
          ? body
          : undefined;
      },
      240_000,
      1000,
    );
    const er = await user.fetch(`/api/scaffolder/v2/tasks/${id}/events`);
    const events = (await er.json()) as TaskEvent[];
    return {
      id,
      status: task.status,
      events,
      failedStep: events.find(e => e.body.status === 'failed' && e.body.stepId)
        ?.body.stepId,
      error: events.find(e => e.type === 'completion')?.body.error?.message,
      messages: events.map(e => e.body.message ?? ''),
      // What the task page shows when the run ends
      output: events.find(e => e.type === 'completion')?.body.output,
    };
  }

  const stepsRun = (run: TaskRun, status: string) => [
    ...new Set(
      run.events
        .filter(e => e.body.status === status && e.body.stepId)
        .map(e => e.body.stepId),
    ),
  ];

  const describeRun = (run: TaskRun) =>
    `task ${run.id} ${run.status} (failed step: ${run.failedStep}, error: ${
      run.error
    })\n${run.messages.slice(-15).join('\n')}`;

  // --- the tests ----------------------------------------------------------

  it('creates the repository, the catalog Component and a Synced, Healthy Argo CD Application', async () => {
    const reposBefore = await repoNames();
    const run = await runTemplate(values());
    if (run.status !== 'completed') throw new Error(describeRun(run));
    expect(stepsRun(run, 'completed')).toEqual([
      'check-owner',
      'check-system',
      'check-tenancy',
      'check-repo',
      'check-ci-settings',
      'check-argocd',
      'fetch',
      'openapi',
      'create-repo',
      'ci-settings',
      'publish',
      'register',
      'argocd-create',
      'argocd-wait',
      'notify',
    ]);
    expect(stepsRun(run, 'skipped')).toEqual([
      'report-failure',
      'notify-failure',
    ]);

    // GitHub: one new repository, private, with the rendered project on a protected main.
    expect((await repoNames()).filter(r => !reposBefore.includes(r))).toEqual([
      SERVICE,
    ]);
    const repo = await github(`/repos/${ORG}/${SERVICE}`);
    expect(repo.body).toMatchObject({ private: true, default_branch: 'main' });
    const root = await github(`/repos/${ORG}/${SERVICE}/contents/?ref=main`);
    expect((root.body as Array<{ name: string }>).map(f => f.name)).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'Dockerfile',
        'README.md',
        'app',
        'deploy',
        'docs',
        'mkdocs.yml',
        'pyproject.toml',
        'tests',
        '.github',
      ]),
    );
    const file = async (p: string) => {
      const { status, body } = await github(
        `/repos/${ORG}/${SERVICE}/contents/${p}?ref=main`,
      );
      expect(status).toBe(200);
      return Buffer.from(body.content, 'base64').toString('utf8');
    };
    // The Component and the API it provides (definition: the app's own
    // openapi.json, written by the template's openapi step).
    const [catalogInfo, api] = yaml.loadAll(
      await file('catalog-info.yaml'),
    ) as any[];
    expect(catalogInfo).toMatchObject({
      kind: 'Component',
      metadata: { name: SERVICE },
      spec: {
        owner: 'group:default/platform',
        system: 'system:default/developer-platform',
      },
    });
    expect(api).toMatchObject({ kind: 'API', spec: { type: 'openapi' } });
    expect(catalogInfo.spec.providesApis).toContain(api.metadata.name);
    expect(JSON.parse(await file('openapi.json')).openapi).toMatch(/^3\./);
    // Rendered, not raw template syntax.
    const overlay = await file('deploy/overlays/eks/kustomization.yaml');
    expect(overlay).toContain('namespace: platform-inventory');
    expect(overlay).not.toContain('${{');
    expect(await file('.github/workflows/ci.yaml')).toContain('${{');
    const protection = await github(
      `/repos/${ORG}/${SERVICE}/branches/main/protection`,
    );
    expect(protection.status).toBe(200);
    expect(protection.body.required_pull_request_reviews).toMatchObject({
      required_approving_review_count: 1,
    });
    const commits = await github(`/repos/${ORG}/${SERVICE}/commits?sha=main`);
    expect(commits.body).toHaveLength(1);
    expect(commits.body[0].commit.message).toContain(
      `scaffold ${SERVICE} from the fastapi-service template`,
    );

    // Catalog: the Component, owned by the team, in the system.
    const component = await eventually(
      'the new Component in the catalog',
      async () => {
        const res = await portal.api(
          `/api/catalog/entities/by-name/component/default/${SERVICE}`,
        );
        return res.status === 200 ? res.body : undefined;
      },
    );
    expect(component).toMatchObject({
      spec: {
        type: 'service',
        owner: 'group:default/platform',
        system: 'system:default/developer-platform',
      },
    });
    expect(await catalogLocations()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`/${ORG}/${SERVICE}/.*main/catalog-info\\.yaml$`),
        ),
      ]),
    );

    // Argo CD: the Application deploys the new repository's overlay to the cluster.
    const app = await argocdApp(SERVICE);
    expect(app.status).toBe(200);
    expect(app.body.spec).toMatchObject({
      // Derived from the owner, not typed in the form.
      project: PROJECT,
      source: {
        repoURL: `${portal.githubUrl.replace(
          '127.0.0.1',
          'localhost',
        )}/${ORG}/${SERVICE}.git`,
        path: 'deploy/overlays/eks',
        targetRevision: 'main',
      },
      destination: { name: 'eks', namespace: 'platform-inventory' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expect(app.body.status.sync.status).toBe('Synced');
    expect(app.body.status.health.status).toBe('Healthy');
    expect(app.body.status.sync.revision).toBe(commits.body[0].sha);

    // The task's own output links to all three.
    const links = JSON.stringify(run.output);
    expect(links).toContain(`/${ORG}/${SERVICE}`);
    expect(links).toContain(`component:default/${SERVICE}`);
    expect(links).toContain(`/applications/${SERVICE}`);
  });

  it('refuses a second run with the same name at the first check and creates nothing', async () => {
    const before = await snapshot(SERVICE);
    expect(before.commits).toHaveLength(1);
    const run = await runTemplate(
      values({ description: 'a second try with the same name' }),
    );

    expect(run.status).toBe('failed');
    expect(run.failedStep).toBe('check-repo');
    expect(run.error).toMatch(
      new RegExp(
        `The repository ${ORG}/${SERVICE} already exists on GitHub host ${ghHost}.*Nothing was created`,
      ),
    );
    // Nothing after the check ran, except the failure report...
    expect(stepsRun(run, 'completed')).toEqual([
      'check-owner',
      'check-system',
      'check-tenancy',
      'report-failure',
      'notify-failure',
    ]);
    for (const step of [
      'check-argocd',
      'fetch',
      'publish',
      'register',
      'argocd-create',
      'argocd-wait',
    ]) {
      expect(stepsRun(run, 'processing')).not.toContain(step);
    }
    // ...which says plainly that nothing was created.
    expect(run.messages.join('\n')).toMatch(
      /stopped in the checks before any change.*nothing was created/,
    );

    // No new repository, no new commit, no new catalog location; Argo CD unchanged.
    expect(await snapshot(SERVICE)).toEqual(before);
  });

  it('says what exists when a step fails after the repository was created, and the cleanup it names allows a clean re-run', async () => {
    const name = 'typo-cluster';
    // A cluster the team's tenancy names but Argo CD does not know:
    // argocd:app:create fails after the repository and the catalog entry exist.
    const run = await runTemplate(
      values({ name, namespace: 'platform-typo', cluster: 'no-such-cluster' }),
    );
    expect(run.status).toBe('failed');
    expect(run.failedStep).toBe('argocd-create');
    expect(stepsRun(run, 'completed')).toEqual([
      'check-owner',
      'check-system',
      'check-tenancy',
      'check-repo',
      'check-ci-settings',
      'check-argocd',
      'fetch',
      'openapi',
      'create-repo',
      'ci-settings',
      'publish',
      'register',
      'report-failure',
      'notify-failure',
    ]);
    const report = run.events.find(
      e =>
        e.body.stepId === 'report-failure' &&
        /What exists now/.test(e.body.message ?? ''),
    )?.body.message;
    expect(report).toBeDefined();
    const remoteUrl = `${portal.githubUrl.replace(
      '127.0.0.1',
      'localhost',
    )}/${ORG}/${name}.git`;
    expect(report).toContain(
      `the GitHub repository ${remoteUrl} with the rendered files on main (protected);`,
    );
    expect(report).toContain(`the catalog entity component:default/${name};`);
    expect(report).toContain('no Argo CD Application.');
    expect(report).toMatch(
      /To re-run with the same name: unregister the catalog entity .* delete the repository/,
    );
    // ...and it is true.
    expect((await github(`/repos/${ORG}/${name}`)).status).toBe(200);
    expect((await argocdApp(name)).status).toBe(404);
    // The entity appears when the catalog's processing loop has read the
    // registered location; on a busy 2-core machine that took over the
    // default 60 s once (two runs in 6 Dec 2026), so allow 3 minutes.
    const location = await eventually(
      'the location of the new entity',
      async () => {
        const res = await portal.api<{ id: string }>(
          `/api/catalog/locations/by-entity/component/default/${name}`,
        );
        return res.status === 200 ? res.body : undefined;
      },
      180_000,
    );

    // Re-running as it is is refused by the first checks, creating nothing more.
    const again = await runTemplate(
      values({ name, namespace: 'platform-typo' }),
    );
    expect(again.failedStep).toBe('check-repo');

    // The cleanup the report names: unregister the entity, delete the repository.
    const unregister = await fetch(
      `${portal.baseUrl}/api/catalog/locations/${location.id}`,
      {
        method: 'DELETE',
        // The read-only PORTAL_API_TOKEN may not; the write token may.
        headers: { authorization: `Bearer ${WRITE_TOKEN}` },
      },
    );
    expect(unregister.status).toBe(204);
    const deleted = await fetch(
      `${portal.githubUrl}/api/v3/repos/${ORG}/${name}`,
      {
        method: 'DELETE',
        headers: { authorization: `token ${GITHUB_TOKEN}` },
      },
    );
    expect(deleted.status).toBe(204);
    await eventually('the entity to leave the catalog', async () =>
      (
        await portal.api(
          `/api/catalog/entities/by-name/component/default/${name}`,
        )
      ).status === 404
        ? true
        : undefined,
    );

    // Then the same name with the right cluster goes through.
    const fixed = await runTemplate(
      values({ name, namespace: 'platform-typo' }),
    );
    if (fixed.status !== 'completed') throw new Error(describeRun(fixed));
    const app = await argocdApp(name);
    expect(app.body.spec.destination).toEqual({
      name: 'eks',
      namespace: 'platform-typo',
    });
    expect(app.body.status.health.status).toBe('Healthy');
  }, 480_000);

  it('refuses a name already used by an Argo CD Application before creating the repository', async () => {
    const name = 'taken-in-argocd';
    // An Application someone created by hand, deploying another repository
    // (without validation: the project does not allow that repository).
    const created = await fetch(
      `${portal.argocdUrl}/api/v1/applications?validate=false`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ARGOCD_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          metadata: { name },
          spec: {
            project: PROJECT,
            source: {
              repoURL: 'https://github.com/elsewhere/other.git',
              path: '.',
              targetRevision: 'main',
            },
            destination: { name: 'eks', namespace: 'platform-other' },
          },
        }),
      },
    );
    expect(created.status).toBe(200);
    const before = await snapshot(name);

    const run = await runTemplate(
      values({ name, namespace: 'platform-taken' }),
    );
    expect(run.status).toBe('failed');
    expect(run.failedStep).toBe('check-argocd');
    expect(run.error).toContain(
      `An Argo CD Application named "${name}" already exists on Argo CD instance "eks"`,
    );
    expect(run.error).toContain(
      'source https://github.com/elsewhere/other.git',
    );
    expect(run.error).toContain('Nothing was created');
    expect((await github(`/repos/${ORG}/${name}`)).status).toBe(404);
    expect(await snapshot(name)).toEqual(before);
  });

  it('refuses an owner that is not in the catalog before any side effect', async () => {
    const name = 'orphan-service';
    const before = await snapshot(name);
    const run = await runTemplate(
      values({ name, owner: 'group:default/no-such-team' }),
    );
    expect(run.status).toBe('failed');
    expect(run.failedStep).toBe('check-owner');
    expect(run.error).toContain('Entity group:default/no-such-team not found');
    expect(stepsRun(run, 'completed')).toEqual([
      'report-failure',
      'notify-failure',
    ]);
    expect(run.messages.join('\n')).toMatch(/nothing was created/);
    expect((await github(`/repos/${ORG}/${name}`)).status).toBe(404);
    expect(await snapshot(name)).toEqual(before);
  });

  it('refuses a GitHub organization that does not exist before any side effect', async () => {
    const name = 'lost-service';
    const before = await snapshot(name);
    const run = await runTemplate(
      values({ name, repoUrl: `${ghHost}?owner=no-such-org&repo=${name}` }),
    );
    expect(run.status).toBe('failed');
    expect(run.failedStep).toBe('check-repo');
    expect(run.error).toBe(
      `The repository owner "no-such-org" does not exist on GitHub host ${ghHost}. Pick an existing organization (or user) in the repository location; nothing was created.`,
    );
    expect(await snapshot(name)).toEqual(before);
  });

  it('refuses an invalid name through the API before a task exists', async () => {
    const tasksBefore = await user.fetch(
      `/api/scaffolder/v2/tasks?createdBy=${encodeURIComponent(
        user.userEntityRef,
      )}`,
    );
    const countBefore = (
      (await tasksBefore.json()) as { totalTasks?: number; tasks: unknown[] }
    ).tasks.length;
    const reposBefore = await repoNames();

    const res = await createTask(values({ name: 'Inventory_API' }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(
      /name.*does not match pattern/,
    );

    const tasksAfter = await user.fetch(
      `/api/scaffolder/v2/tasks?createdBy=${encodeURIComponent(
        user.userEntityRef,
      )}`,
    );
    expect(
      ((await tasksAfter.json()) as { tasks: unknown[] }).tasks,
    ).toHaveLength(countBefore);
    expect(await repoNames()).toEqual(reposBefore);
  });

  it('never shows a token in a task log', async () => {
    const res = await user.fetch(
      `/api/scaffolder/v2/tasks?createdBy=${encodeURIComponent(
        user.userEntityRef,
      )}`,
    );
    const { tasks } = (await res.json()) as { tasks: Array<{ id: string }> };
    expect(tasks.length).toBeGreaterThanOrEqual(5);
    for (const { id } of tasks) {
      const events = await (
        await user.fetch(`/api/scaffolder/v2/tasks/${id}/events`)
      ).text();
      expect(events).not.toContain(GITHUB_TOKEN);
      expect(events).not.toContain(ARGOCD_TOKEN);
    }
  });
});
