/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable jest/expect-expect -- the refusals are asserted in expectRefused() */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Browser, Page } from 'playwright-core';
import { readPolicyFile } from '@internal/argocd-stand-in';
import { ARGOCD_ADMIN_TOKEN } from 'sandbox';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  eventually,
  repoRoot,
  launchBrowser,
  screenshotter,
  SignedInUser,
  signInAsMemberOf,
  signInWithGitHub,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';

// Team tenancy end to end: the real backend on PostgreSQL, the sandbox's
// GitHub, Argo CD and Kubernetes stand-ins, the scaffolder API and Chromium.
// The sandbox organization has two tenant teams (app-config.yaml,
// launchpad.tenancy): platform (minji-park) and payments (sora-choi). For a
// payments member, platform plays "another team" (the issue's `orders`).
// The Argo CD stand-in enforces the portal's RBAC policy
// (deploy/tenancy/argocd-rbac/) for the portal's token; the test's own
// look-ups use the stand-in's admin token, so that only the portal's calls
// count when the test checks that every line of the policy was needed.
jest.setTimeout(600_000);

const ORG = 'launchpad-demo';
const GITHUB_TOKEN = 'sandbox-github-token';
/** The portal's token (config/argocd.sandbox.yaml): the account `backstage`. */
const ARGOCD_TOKEN = 'sandbox-argocd-token';
const PREFIX = `tenancy_${randomBytes(4).toString('hex')}_`;
const WRITE_TOKEN = randomBytes(24).toString('hex');

interface Run {
  status: string;
  failedStep?: string;
  error?: string;
  completed: string[];
}

describe('team tenancy through the scaffolder API and the browser', () => {
  let pg: TestPostgres;
  let portal: SandboxPortal;
  let sora: SignedInUser; // payments
  let minji: SignedInUser; // platform

  beforeAll(async () => {
    pg = await startPostgres();
    portal = await startSandboxPortal({
      syncDelayMs: 1000,
      env: {
        APP_CONFIG_backend_database_client: 'pg',
        APP_CONFIG_backend_database_connection_host: pg.host,
        APP_CONFIG_backend_database_connection_port: String(pg.port),
        APP_CONFIG_backend_database_connection_user: pg.user,
        APP_CONFIG_backend_database_connection_password: pg.password,
        APP_CONFIG_backend_database_prefix: PREFIX,
        PORTAL_API_WRITE_TOKEN: WRITE_TOKEN,
      },
    });
    const signIn = (login: string, group: string) =>
      signInAsMemberOf(portal.baseUrl, login, group);
    sora = await signIn('sora-choi', 'group:default/payments');
    minji = await signIn('minji-park', 'group:default/platform');
    await eventually('the template and system in the catalog', async () =>
      (
        await portal.api(
          '/api/catalog/entities/by-name/template/default/fastapi-service',
        )
      ).status === 200 &&
      (
        await portal.api(
          '/api/catalog/entities/by-name/system/default/payments',
        )
      ).status === 200
        ? true
        : undefined,
    );
  });

  afterAll(async () => {
    await portal?.stop();
    await pg?.stop();
  });

  function values(name: string, overrides: Record<string, unknown> = {}) {
    return {
      name,
      description: 'Tenancy test service',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      pythonVersion: '3.12',
      repoUrl: `${new URL(portal.githubUrl).host}?owner=${ORG}&repo=${name}`,
      visibility: 'private',
      namespace: `payments-${name}`,
      imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
      replicas: 1,
      waitForSync: false,
      ...overrides,
    };
  }

  async function run(
    user: SignedInUser,
    v: Record<string, unknown>,
  ): Promise<Run> {
    const res = await user.fetch('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/fastapi-service',
        values: v,
      }),
    });
    if (res.status !== 201)
      throw new Error(`task: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const status = await eventually(
      `task ${id} to end`,
      async () => {
        const task = await (
          await user.fetch(`/api/scaffolder/v2/tasks/${id}`)
        ).json();
        return ['completed', 'failed', 'cancelled'].includes(task.status)
          ? (task.status as string)
          : undefined;
      },
      240_000,
    );
    const events = (await (
      await user.fetch(`/api/scaffolder/v2/tasks/${id}/events`)
    ).json()) as Array<{
      type: string;
      body: { stepId?: string; status?: string; error?: { message?: string } };
    }>;
    return {
      status,
      failedStep: events.find(e => e.body.status === 'failed' && e.body.stepId)
        ?.body.stepId,
      error: events.find(e => e.type === 'completion')?.body.error?.message,
      completed: [
        ...new Set(
          events
            .filter(e => e.body.status === 'completed' && e.body.stepId)
            .map(e => e.body.stepId!),
        ),
      ],
    };
  }

  const githubStatus = async (name: string) =>
    (
      await fetch(`${portal.githubUrl}/api/v3/repos/${ORG}/${name}`, {
        headers: { authorization: `token ${GITHUB_TOKEN}` },
      })
    ).status;
  const argocdApp = async (name: string, project: string) => {
    const res = await fetch(
      `${portal.argocdUrl}/api/v1/applications/${name}?projects=${project}`,
      { headers: { authorization: `Bearer ${ARGOCD_ADMIN_TOKEN}` } },
    );
    return { status: res.status, body: (await res.json()) as any };
  };
  const locations = async () =>
    (
      (await portal.api('/api/catalog/locations')).body as Array<{
        data: { target: string };
      }>
    )
      .map(l => l.data.target)
      .sort();

  /** A refused run: failed in check-tenancy, nothing created. */
  async function expectRefused(
    user: SignedInUser,
    name: string,
    v: Record<string, unknown>,
    message: string,
  ) {
    const before = await locations();
    const result = await run(user, values(name, v));
    expect({ status: result.status, failedStep: result.failedStep }).toEqual({
      status: 'failed',
      failedStep: 'check-tenancy',
    });
    expect(result.error).toContain(message);
    expect(result.completed).toEqual([
      'check-owner',
      'check-system',
      'report-failure',
      'notify-failure',
    ]);
    expect(await githubStatus(name)).toBe(404);
    expect((await argocdApp(name, 'team-payments')).status).toBe(404);
    expect((await argocdApp(name, 'team-platform')).status).toBe(404);
    expect(await locations()).toEqual(before);
  }

  it("refuses a payments member's run for another team before anything exists", async () => {
    await expectRefused(
      sora,
      'other-owner',
      { owner: 'group:default/platform', namespace: 'platform-x' },
      'user:default/sora-choi is not a member of group:default/platform, so it cannot deploy for it. It may deploy for group:default/payments',
    );
  });

  it.each([
    [
      'kube-system',
      "namespace 'kube-system' is reserved for the cluster and the platform (kube-*); group:default/payments may deploy to payments, payments-*",
    ],
    [
      'argocd',
      "namespace 'argocd' is reserved for the cluster and the platform (argocd); group:default/payments may deploy to payments, payments-*",
    ],
    [
      'orders-x',
      "namespace 'orders-x' does not belong to group:default/payments; group:default/payments may deploy to payments, payments-*",
    ],
    [
      'platform-x',
      "namespace 'platform-x' does not belong to group:default/payments (it is group:default/platform's)",
    ],
  ])(
    'refuses namespace %s, naming what is allowed',
    async (namespace, message) => {
      await expectRefused(sora, `ns-${namespace}`, { namespace }, message);
    },
  );

  it.each([
    [
      'default',
      "Argo CD project 'default' is not group:default/payments's: its services deploy with project 'team-payments'",
    ],
    [
      'team-platform',
      "Argo CD project 'team-platform' is not group:default/payments's: its services deploy with project 'team-payments'",
    ],
  ])(
    'refuses project %s sent through the API',
    async (argocdProject, message) => {
      await expectRefused(
        sora,
        `project-${argocdProject}`,
        { argocdProject },
        message,
      );
    },
  );

  it('refuses template runs with the static API tokens, naming what they may call', async () => {
    for (const token of [portal.apiToken, WRITE_TOKEN]) {
      const res = await fetch(`${portal.baseUrl}/api/scaffolder/v2/tasks`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          templateRef: 'template:default/fastapi-service',
          values: values('by-token'),
        }),
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(
        /^This token's access is restricted to plugin\(s\) 'catalog'/,
      );
    }
    expect(await githubStatus('by-token')).toBe(404);
  });

  it('lets a platform member create a service for another team, inside that team’s tenancy', async () => {
    const result = await run(minji, values('ledger-api'));
    expect(result).toMatchObject({ status: 'completed' });
    const app = await argocdApp('ledger-api', 'team-payments');
    expect(app.status).toBe(200);
    expect(app.body.spec).toMatchObject({
      project: 'team-payments',
      destination: { name: 'eks', namespace: 'payments-ledger-api' },
    });
  });

  it("completes a payments member's run for payments end to end: Synced and Healthy in team-payments", async () => {
    const result = await run(
      sora,
      values('refunds-api', { waitForSync: true }),
    );
    expect(result).toMatchObject({ status: 'completed' });
    expect(result.completed).toEqual(
      expect.arrayContaining([
        'check-tenancy',
        'publish',
        'register',
        'argocd-create',
        'argocd-wait',
      ]),
    );
    const app = await argocdApp('refunds-api', 'team-payments');
    expect(app.body.spec.project).toBe('team-payments');
    expect(app.body.status.sync.status).toBe('Synced');
    expect(app.body.status.health.status).toBe('Healthy');
    // The generated Ingress: the team's own HTTPS ALB group and a host under its domain.
    const ingress = await fetch(
      `${portal.kubernetesUrl}/apis/networking.k8s.io/v1/namespaces/payments-refunds-api/ingresses/refunds-api`,
      { headers: { authorization: 'Bearer sandbox-kubernetes-token' } },
    );
    expect(ingress.status).toBe(200);
    const body = (await ingress.json()) as any;
    expect(body.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/group.name': 'launchpad-payments',
      'alb.ingress.kubernetes.io/scheme': 'internal',
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
    });
    expect(body.spec.rules[0].host).toBe(
      'refunds-api.payments.apps.launchpad.test',
    );
  });

  it("has the Argo CD stand-in refuse an Application outside its AppProject with Argo CD's message", async () => {
    const res = await fetch(`${portal.argocdUrl}/api/v1/applications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ARGOCD_ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        metadata: { name: 'sneaky' },
        spec: {
          project: 'team-payments',
          source: {
            repoURL: `${portal.githubUrl.replace(
              '127.0.0.1',
              'localhost',
            )}/${ORG}/refunds-api.git`,
            path: 'deploy/overlays/eks',
            targetRevision: 'main',
          },
          destination: { name: 'eks', namespace: 'kube-system' },
        },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.message).toMatch(
      /^application spec for sneaky is invalid: InvalidSpecError: application destination server 'http:\/\/127\.0\.0\.1:\d+' and namespace 'kube-system' do not match any of the allowed destinations in project 'team-payments'$/,
    );
  });

  describe("the portal's Argo CD policy (deploy/tenancy/argocd-rbac)", () => {
    const argocd = () => portal.standIns.find(s => s.name === 'Argo CD')!;
    const asPortal = (method: string, p: string, body?: unknown) =>
      fetch(`${portal.argocdUrl}${p}`, {
        method,
        headers: {
          authorization: `Bearer ${ARGOCD_TOKEN}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async r => ({ status: r.status, body: (await r.json()) as any }));

    it('is the committed policy, generated from the same launchpad.tenancy', () => {
      const committed = readPolicyFile(
        path.join(repoRoot, 'deploy/tenancy/argocd-rbac/argocd-rbac.yaml'),
      )
        .split('\n')
        .map(l => l.trim())
        .filter(Boolean);
      expect(argocd().rbac!.policyLines()).toEqual(committed);
    });

    it("runs the template for platform's own project under the policy", async () => {
      const result = await run(
        minji,
        values('status-api', {
          owner: 'group:default/platform',
          system: 'system:default/developer-platform',
          namespace: 'platform-status-api',
        }),
      );
      expect(result).toMatchObject({ status: 'completed' });
      expect(
        (await argocdApp('status-api', 'team-platform')).body.spec.project,
      ).toBe('team-platform');
    });

    it("shows a team service's Argo CD status on its card under the policy", async () => {
      const res = await sora.fetch(
        '/api/argocd/entities/default/component/refunds-api/status',
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        appName: 'refunds-api',
        sync: { status: 'Synced' },
        health: { status: 'Healthy' },
      });
    });

    it("shows the portal's own Application on its card under the policy", async () => {
      // Argo CD's admin created it in production (deploy/argocd/); here
      // without automated sync, as the stand-in cannot clone its repository.
      const {
        apiVersion: _v,
        kind: _k,
        ...application
      } = yaml.load(
        fs.readFileSync(
          path.join(repoRoot, 'deploy/argocd/application.yaml'),
          'utf8',
        ),
      ) as any;
      delete application.spec.syncPolicy.automated;
      const created = await fetch(`${portal.argocdUrl}/api/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ARGOCD_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(application),
      });
      expect(created.status).toBe(200);
      const res = await minji.fetch(
        '/api/argocd/entities/default/component/launchpad-portal/status',
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        appName: 'launchpad-portal',
        sync: { status: 'OutOfSync' },
      });
    });

    it.each([
      ['POST', '/api/v1/applications', 'create', 'team-orders/orders-api'],
      ['POST', '/api/v1/applications', 'create', 'default/orders-api'],
    ])(
      "refuses the portal's token %s %s (applications, %s on %s), outside the teams' projects, with Argo CD's message",
      async (method, p, action, object) => {
        const [project, name] = object.split('/');
        const res = await asPortal(method, p, {
          metadata: { name },
          spec: {
            project,
            source: {
              repoURL: 'https://github.com/launchpad-demo/orders-api.git',
              path: 'deploy/overlays/eks',
              targetRevision: 'main',
            },
            destination: { name: 'eks', namespace: 'orders' },
          },
        });
        expect(res.status).toBe(403);
        expect(res.body.message).toMatch(
          new RegExp(
            `^permission denied: applications, ${action}, ${object}, sub: backstage, iat: `,
          ),
        );
      },
    );

    it("refuses the portal's token anything beyond get and create: delete, sync, projects", async () => {
      expect(
        (await asPortal('DELETE', '/api/v1/applications/refunds-api')).status,
      ).toBe(403);
      expect(
        (await asPortal('POST', '/api/v1/applications/refunds-api/sync'))
          .status,
      ).toBe(403);
      const project = await asPortal('GET', '/api/v1/projects/team-payments');
      expect(project.status).toBe(403);
      expect(project.body.message).toMatch(
        /^permission denied: projects, get, team-payments, sub: backstage/,
      );
      expect((await argocdApp('refunds-api', 'team-payments')).status).toBe(
        200,
      );
    });

    it("refuses a name taken in another team's project before creating anything (Argo CD answers 404 for the team's own)", async () => {
      const name = 'taken-elsewhere';
      const created = await fetch(
        `${portal.argocdUrl}/api/v1/applications?validate=false`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${ARGOCD_ADMIN_TOKEN}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            metadata: { name },
            spec: {
              project: 'team-platform',
              source: {
                repoURL: 'https://github.com/launchpad-demo/elsewhere.git',
                path: '.',
                targetRevision: 'main',
              },
              destination: { name: 'eks', namespace: 'platform-elsewhere' },
            },
          }),
        },
      );
      expect(created.status).toBe(200);
      expect((await argocdApp(name, 'team-payments')).status).toBe(404);
      const result = await run(sora, values(name));
      expect({ status: result.status, failedStep: result.failedStep }).toEqual({
        status: 'failed',
        failedStep: 'check-argocd',
      });
      expect(result.error).toMatch(
        /An Argo CD Application named "taken-elsewhere" already exists .*project "team-platform"/,
      );
      expect(await githubStatus(name)).toBe(404);
    });

    it("needed every line: each one granted at least one of the portal's calls", () => {
      // Runs after the template runs above (argocd:app:checkAvailable,
      // create and wait for both teams) and the two status cards.
      expect(argocd().rbac!.usedLines()).toEqual(argocd().rbac!.policyLines());
    });
  });

  describe('the owner field in Chromium', () => {
    let browser: Browser;
    const shoot = screenshotter('tenancy');

    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function ownerOptions(login: string): Promise<string[]> {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 900 },
      });
      const page: Page = await context.newPage();
      page.setDefaultTimeout(60_000);
      try {
        await signInWithGitHub(page, portal.baseUrl, login);
        await page.getByText('Getting started').first().waitFor();
        // The options come from the backend: wait for its answer.
        const teams = page.waitForResponse(r =>
          r.url().includes('/api/launchpad-tenancy/v1/teams'),
        );
        await page.goto(
          `${portal.baseUrl}/create/templates/default/fastapi-service`,
        );
        expect((await teams).status()).toBe(200);
        const owner = page.getByLabel(/소유 팀/).first();
        await owner.waitFor();
        await page.waitForTimeout(500); // one render after the answer
        if (await owner.isEnabled()) {
          await owner.click();
          await page.getByRole('option').first().waitFor();
          const texts = await page.getByRole('option').allInnerTexts();
          await shoot(page, `${login}-owner-options`);
          return texts.map(t => t.split('\n')[0].trim());
        }
        // A single team is chosen for the user and the field is locked.
        await shoot(page, `${login}-owner-locked`);
        return [await owner.inputValue()];
      } finally {
        await context.close();
      }
    }

    it("lists only a payments member's own team", async () => {
      expect(await ownerOptions('sora-choi')).toEqual(['payments']);
    });

    it('lists every team for a platform member', async () => {
      expect(await ownerOptions('minji-park')).toEqual([
        'platform',
        'payments',
      ]);
    });
  });
});
