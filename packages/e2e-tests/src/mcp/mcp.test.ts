/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import yaml from 'js-yaml';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  eventually,
  launchBrowser,
  repoRoot,
  SignedInUser,
  signInAsMemberOf,
  signInWithGitHub,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';
import {
  authorizeMcpClient,
  REDIRECT_URI,
  callTool,
  connectMcp,
  MCP_PATH,
  ToolResult,
} from './mcpClient';

// The golden path over MCP (README "AI assistants"): the official MCP SDK
// client against the real backend on PostgreSQL with the sandbox's GitHub,
// Argo CD and Kubernetes stand-ins. Access is narrowed through config (the
// settings an operator changes) so that both a template runner and a member
// outside the runners exist:
//   template runners:  payments -> sora-choi (runner), daniel-kang
//   outside:           platform -> minji-park (no platform group here)
//   templateAudiences: platform-only -> only platform reads the restricted
//                      template, so sora may not read it
jest.setTimeout(300_000);

const ORG = 'launchpad-demo';
const GITHUB_TOKEN = 'sandbox-github-token';
const ARGOCD_TOKEN = 'sandbox-argocd-token';
const PREFIX = `mcp_${randomBytes(4).toString('hex')}_`;
const SUFFIX = randomBytes(3).toString('hex');
const SERVICE = `mcp-orders-${SUFFIX}`;
const RESTRICTED = `mcp-restricted-${SUFFIX}`;
const SECRET_CANARY = `canary-secret-${randomBytes(12).toString('hex')}`;

/** The sandbox's catalog locations, plus one restricted template. */
function catalogLocations(dir: string) {
  const file = path.join(dir, 'restricted-template.yaml');
  fs.writeFileSync(
    file,
    yaml.dump({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: {
        name: RESTRICTED,
        title: 'Platform-only template',
        annotations: { 'launchpad.dev/template-audience': 'platform-only' },
      },
      spec: { owner: 'group:default/platform', type: 'service', steps: [] },
    }),
  );
  const sandbox = yaml.load(
    fs.readFileSync(path.join(repoRoot, 'config/github.sandbox.yaml'), 'utf8'),
  ) as { catalog: { locations: Array<{ target: string }> } };
  return [
    ...sandbox.catalog.locations.map(l => ({
      ...l,
      target: path.resolve(repoRoot, 'packages/backend', l.target),
    })),
    { type: 'file', target: file, rules: [{ allow: ['Template'] }] },
  ];
}

describe('the golden path over MCP, with the user’s own permissions', () => {
  let pg: TestPostgres;
  let portal: SandboxPortal;
  let dir: string;
  let sora: SignedInUser; // payments, template runner
  let minji: SignedInUser; // platform, not a template runner here
  let soraMcp: Client;
  let minjiMcp: Client;
  let soraAccessToken: string;
  const results: ToolResult[] = [];

  const call = async (
    client: Client,
    name: string,
    args: Record<string, unknown>,
  ) => {
    const result = await callTool(client, name, args);
    results.push(result);
    return result;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-mcp-'));
    pg = await startPostgres();
    portal = await startSandboxPortal({
      syncDelayMs: 500,
      env: {
        APP_CONFIG_backend_database_client: 'pg',
        APP_CONFIG_backend_database_connection_host: pg.host,
        APP_CONFIG_backend_database_connection_port: String(pg.port),
        APP_CONFIG_backend_database_connection_user: pg.user,
        APP_CONFIG_backend_database_connection_password: pg.password,
        APP_CONFIG_backend_database_prefix: PREFIX,
        APP_CONFIG_launchpad_access_platformGroups: JSON.stringify([
          'group:default/platform-sre',
        ]),
        APP_CONFIG_launchpad_access_templateRunners: JSON.stringify([
          'group:default/payments',
        ]),
        APP_CONFIG_launchpad_access_templateAudiences: JSON.stringify({
          'platform-only': ['group:default/platform'],
        }),
        APP_CONFIG_catalog_locations: JSON.stringify(catalogLocations(dir)),
      },
    });
    const signIn = (login: string, group: string) =>
      signInAsMemberOf(portal.baseUrl, login, group);
    sora = await signIn('sora-choi', 'group:default/payments');
    minji = await signIn('minji-park', 'group:default/platform');
    await eventually(
      'the templates and the payments system in the catalog',
      async () =>
        (
          await portal.api(
            '/api/catalog/entities/by-name/template/default/fastapi-service',
          )
        ).status === 200 &&
        (
          await portal.api(
            `/api/catalog/entities/by-name/template/default/${RESTRICTED}`,
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
    minjiMcp = await connectMcp(portal.baseUrl, minji.token);
  });

  afterAll(async () => {
    await soraMcp?.close();
    await minjiMcp?.close();
    await portal?.stop();
    await pg?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const githubStatus = async (name: string) =>
    (
      await fetch(`${portal.githubUrl}/api/v3/repos/${ORG}/${name}`, {
        headers: { authorization: `token ${GITHUB_TOKEN}` },
      })
    ).status;

  function values(name: string, overrides: Record<string, unknown> = {}) {
    return {
      name,
      description: 'A service made through MCP',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      namespace: `payments-${name}`,
      imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
      repoUrl: `${new URL(portal.githubUrl).host}?owner=${ORG}&repo=${name}`,
      replicas: 1,
      ...overrides,
    };
  }

  /** Follows a run through launchpad.get-template-task until it ends. */
  async function untilDone(client: Client, taskId: string) {
    return eventually(
      `task ${taskId} to end`,
      async () => {
        const r = await call(client, 'launchpad.get-template-task', { taskId });
        if (r.isError) throw new Error(r.text);
        return ['completed', 'failed', 'cancelled'].includes(r.output.status)
          ? r.output
          : undefined;
      },
      150_000,
    );
  }

  it('refuses a caller without a token (401) and a static token outside its access restrictions', async () => {
    const initialize = (authorization?: string) =>
      fetch(`${portal.baseUrl}${MCP_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'curl', version: '1' },
          },
        }),
      });
    expect((await initialize()).status).toBe(401);
    expect((await initialize('Bearer not-a-token')).status).toBe(401);
    await expect(connectMcp(portal.baseUrl, undefined)).rejects.toThrow(
      /401|Unauthorized/i,
    );
    // PORTAL_API_TOKEN may read the catalog and search, nothing else.
    expect((await initialize(`Bearer ${portal.apiToken}`)).status).toBe(403);
  });

  it('signs a user in through the portal (OAuth with PKCE, CIMD client) and lists only the configured tools', async () => {
    // The user's part happens in Chromium: signed in with GitHub, the user
    // clicks "Authorize" on the portal's consent page, which sends the
    // browser to the client's loopback redirect URI with the code.
    const browser = await launchBrowser();
    let granted: Awaited<ReturnType<typeof authorizeMcpClient>>;
    try {
      const page = await browser.newPage();
      await signInWithGitHub(page, portal.baseUrl, 'sora-choi');
      await page.getByText('Getting started').first().waitFor();
      granted = await authorizeMcpClient(portal.baseUrl, async consentPage => {
        const redirected = new Promise<string>(resolve =>
          page.route(`${REDIRECT_URI}**`, route => {
            resolve(route.request().url());
            return route.fulfill({
              status: 200,
              body: 'You may close this window.',
            });
          }),
        );
        await page.goto(consentPage);
        await page.getByRole('button', { name: 'Authorize' }).click();
        return redirected;
      });
    } finally {
      await browser.close();
    }
    expect(granted.consentPage).toMatch(
      new RegExp(`^${portal.baseUrl}/oauth2/authorize/`),
    );
    expect(granted.expiresIn).toBe(3600);
    soraAccessToken = granted.accessToken;
    soraMcp = await connectMcp(portal.baseUrl, soraAccessToken);

    const { tools } = await soraMcp.listTools();
    expect(tools.map(t => t.name).sort()).toEqual([
      'catalog.get-catalog-entity',
      'catalog.query-catalog-entities',
      'launchpad.create-fastapi-service',
      'launchpad.dry-run-fastapi-service',
      'launchpad.get-deployment-status',
      'launchpad.get-entity-overview',
      'launchpad.get-template-task',
    ]);
    // Actions that exist in the registry but are not configured cannot be
    // called either.
    for (const name of [
      'scaffolder.execute-template',
      'catalog.unregister-entity',
    ]) {
      const r = await call(soraMcp, name, {});
      expect(r).toMatchObject({
        isError: true,
        text: `NotFoundError: Action "${name}" not found`,
      });
    }
  });

  it('refuses a member outside the template runners, creating nothing', async () => {
    const name = `mcp-denied-${SUFFIX}`;
    const r = await call(
      minjiMcp,
      'launchpad.create-fastapi-service',
      values(name, {
        owner: 'group:default/platform',
        system: 'system:default/developer-platform',
        namespace: `platform-${name}`,
      }),
    );
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^NotAllowedError: /);
    expect(await githubStatus(name)).toBe(404);
  });

  it("previews the files a FastAPI service would get (dry run), and refuses another team's namespace there too", async () => {
    const name = `mcp-preview-${SUFFIX}`;
    const preview = await call(
      soraMcp,
      'launchpad.dry-run-fastapi-service',
      values(name),
    );
    expect(preview.isError).toBe(false);
    const files = preview.output.files as Array<{
      path: string;
      content?: string;
    }>;
    const catalogInfo = files.find(f => f.path === 'catalog-info.yaml');
    expect(catalogInfo?.content).toContain(`name: ${name}`);
    expect(catalogInfo?.content).toContain('owner: group:default/payments');
    expect(files.map(f => f.path)).toEqual(
      expect.arrayContaining(['deploy/overlays/eks/kustomization.yaml']),
    );
    expect(await githubStatus(name)).toBe(404);

    const refused = await call(
      soraMcp,
      'launchpad.dry-run-fastapi-service',
      values(name, { namespace: `platform-${name}` }),
    );
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain(
      `namespace 'platform-${name}' does not belong to group:default/payments`,
    );
    const notRunner = await call(
      minjiMcp,
      'launchpad.dry-run-fastapi-service',
      values(name),
    );
    expect(notRunner.isError).toBe(true);
    expect(notRunner.text).toMatch(/^NotAllowedError: /);
  });

  it("refuses a runner for another team's namespace before anything exists, naming what is allowed", async () => {
    const name = `mcp-other-${SUFFIX}`;
    const started = await call(
      soraMcp,
      'launchpad.create-fastapi-service',
      values(name, { namespace: `platform-${name}` }),
    );
    expect(started.isError).toBe(false);
    const run = await untilDone(soraMcp, started.output.taskId);
    expect(run.status).toBe('failed');
    expect(run.error).toContain(
      `namespace 'platform-${name}' does not belong to group:default/payments (it is group:default/platform's)`,
    );
    expect(
      run.steps.find((s: { id: string }) => s.id === 'check-tenancy').status,
    ).toBe('failed');
    expect(run.links).toEqual([]);
    expect(await githubStatus(name)).toBe(404);
  });

  it('creates a FastAPI service end to end: repository, catalog entity, Argo CD Synced/Healthy', async () => {
    const started = await call(
      soraMcp,
      'launchpad.create-fastapi-service',
      values(SERVICE),
    );
    expect(started).toMatchObject({
      isError: false,
      output: {
        taskId: expect.any(String),
        taskUrl: `${portal.baseUrl}/create/tasks/${started.output?.taskId}`,
      },
    });
    const run = await untilDone(soraMcp, started.output.taskId);
    expect({ status: run.status, error: run.error }).toEqual({
      status: 'completed',
      error: undefined,
    });
    expect(run.createdBy).toBe('user:default/sora-choi');
    expect(run.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          url: expect.stringContaining(`/${ORG}/${SERVICE}`),
        }),
        expect.objectContaining({
          entityRef: `component:default/${SERVICE}`,
          url: `${portal.baseUrl}/catalog/default/component/${SERVICE}`,
        }),
      ]),
    );
    expect(await githubStatus(SERVICE)).toBe(200);
    const app = await fetch(
      `${portal.argocdUrl}/api/v1/applications/${SERVICE}?projects=team-payments`,
      { headers: { authorization: `Bearer ${ARGOCD_TOKEN}` } },
    ).then(r => r.json() as Promise<any>);
    expect([app.status.sync.status, app.status.health.status]).toEqual([
      'Synced',
      'Healthy',
    ]);
    expect(app.spec.destination.namespace).toBe(`payments-${SERVICE}`);
  });

  it('answers the catalog, the overview and the deployment status as the service page shows them', async () => {
    const ref = `component:default/${SERVICE}`;
    const page = await (
      await sora.fetch(
        `/api/catalog/entities/by-name/component/default/${SERVICE}`,
      )
    ).json();
    const entity = await call(soraMcp, 'catalog.get-catalog-entity', {
      kind: 'Component',
      namespace: 'default',
      name: SERVICE,
    });
    expect(entity.isError).toBe(false);
    expect(entity.output.metadata.uid).toBe(page.metadata.uid);
    expect(entity.output.spec).toEqual(page.spec);

    const overview = await call(soraMcp, 'launchpad.get-entity-overview', {
      entityRef: ref,
    });
    expect(overview.output).toMatchObject({
      entityRef: ref,
      owner: { entityRef: 'group:default/payments' },
      system: page.spec.system,
      docsUrl: `${portal.baseUrl}/docs/default/component/${SERVICE}`,
      catalogUrl: `${portal.baseUrl}/catalog/default/component/${SERVICE}`,
      links: [
        {
          url: `https://${new URL(portal.githubUrl).host}/${ORG}/${SERVICE}`,
          title: 'Repository',
        },
      ],
    });

    // What the Argo CD card and the Kubernetes tab get for the same user.
    const card = await (
      await sora.fetch(
        `/api/argocd/entities/default/component/${SERVICE}/status`,
      )
    ).json();
    const tab = await eventually(
      'the pod ready in the Kubernetes tab',
      async () => {
        const body = await (
          await sora.fetch(`/api/kubernetes/services/${SERVICE}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ entity: page, auth: {} }),
          })
        ).json();
        const deployments = body.items?.[0]?.resources?.find(
          (r: any) => r.type === 'deployments',
        )?.resources;
        return deployments?.[0]?.status?.readyReplicas === 1 ? body : undefined;
      },
    );
    const status = await call(soraMcp, 'launchpad.get-deployment-status', {
      entityRef: ref,
    });
    expect(status.isError).toBe(false);
    expect(status.output.argocd).toMatchObject({
      appName: SERVICE,
      sync: card.sync,
      health: card.health,
      lastSync: card.lastSync,
      deployments: card.history,
    });
    expect(status.output.argocd.deployments[0].revision).toBe(
      card.sync.revision,
    );
    const tabDeployment = tab.items[0].resources.find(
      (r: any) => r.type === 'deployments',
    ).resources[0];
    expect(status.output.kubernetes.clusters).toEqual([
      expect.objectContaining({
        cluster: tab.items[0].cluster.title ?? tab.items[0].cluster.name,
        deployments: [
          {
            name: tabDeployment.metadata.name,
            namespace: `payments-${SERVICE}`,
            desiredReplicas: 1,
            readyReplicas: 1,
            availableReplicas: tabDeployment.status.availableReplicas ?? 0,
            images: tabDeployment.spec.template.spec.containers.map(
              (c: any) => c.image,
            ),
          },
        ],
        errors: [],
      }),
    ]);
    expect(status.output.kubernetes.clusters[0].pods).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ready: true, restarts: 0 }),
      ]),
    );
  });

  it('refuses (403) an entity the user may not read in the portal, and lets those who may read it', async () => {
    const ref = `template:default/${RESTRICTED}`;
    expect(
      (
        await sora.fetch(
          `/api/catalog/entities/by-name/template/default/${RESTRICTED}`,
        )
      ).status,
    ).toBe(404);
    for (const tool of [
      'launchpad.get-entity-overview',
      'launchpad.get-deployment-status',
    ]) {
      const r = await call(soraMcp, tool, { entityRef: ref });
      expect(r).toEqual({
        isError: true,
        text: `NotAllowedError: You are not allowed to read ${ref}`,
        output: undefined,
      });
    }
    const viaCatalog = await call(soraMcp, 'catalog.get-catalog-entity', {
      kind: 'Template',
      name: RESTRICTED,
    });
    expect(viaCatalog.isError).toBe(true);
    expect(viaCatalog.text).not.toContain('Platform-only template');

    const minjiReads = await call(minjiMcp, 'launchpad.get-entity-overview', {
      entityRef: ref,
    });
    expect(minjiReads.output).toMatchObject({
      entityRef: ref,
      title: 'Platform-only template',
    });
  });

  it("keeps another user's run and the task's secrets out of tool results", async () => {
    // A run with a secret, started in the browser's way (the scaffolder API);
    // it fails at the tenancy check (kube-system is reserved).
    const res = await sora.fetch('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/fastapi-service',
        values: {
          ...values(`mcp-secret-${SUFFIX}`),
          visibility: 'private',
          pythonVersion: '3.12',
          namespace: 'kube-system',
          waitForSync: false,
        },
        secrets: { canary: SECRET_CANARY },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const run = await untilDone(soraMcp, id);
    expect(run.status).toBe('failed');
    const others = await call(minjiMcp, 'launchpad.get-template-task', {
      taskId: id,
    });
    expect(others.isError).toBe(true);
    expect(others.text).toMatch(/^NotAllowedError: /);
  });

  it('audits every call with the user, and no token or secret reaches a tool result or the log', async () => {
    const logs = portal.backend.logs();
    const audit = (eventId: string, actor: string) =>
      logs.filter(
        l =>
          l.includes('isAuditEvent') &&
          l.includes(eventId) &&
          l.includes(actor),
      );
    expect(
      audit('create-fastapi-service', 'user:default/sora-choi').length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      audit('create-fastapi-service', 'user:default/minji-park').length,
    ).toBeGreaterThanOrEqual(1);
    expect(
      audit('deployment-status', 'user:default/sora-choi').length,
    ).toBeGreaterThanOrEqual(1);
    expect(
      audit('entity-overview', 'user:default/minji-park').length,
    ).toBeGreaterThanOrEqual(1);
    expect(
      audit('template-task', 'user:default/minji-park').length,
    ).toBeGreaterThanOrEqual(1);
    // The MCP server's own audit events (one per tool call) name the user too.
    expect(
      audit('tool-execution', 'user:default/sora-choi').length,
    ).toBeGreaterThan(5);

    const secrets = {
      "the MCP client's access token": soraAccessToken,
      "sora's portal token": sora.token,
      "minji's portal token": minji.token,
      PORTAL_API_TOKEN: portal.apiToken,
      'the GitHub integration token': GITHUB_TOKEN,
      'the Argo CD token': ARGOCD_TOKEN,
      "the task's secret canary": SECRET_CANARY,
    };
    const everything = results.map(r => r.text).join('\n');
    expect(results.length).toBeGreaterThan(10);
    const log = logs.join('\n');
    for (const [what, value] of Object.entries(secrets)) {
      expect({ what, inToolResults: everything.includes(value) }).toEqual({
        what,
        inToolResults: false,
      });
      expect({ what, inLog: log.includes(value) }).toEqual({
        what,
        inLog: false,
      });
    }
  });
});
