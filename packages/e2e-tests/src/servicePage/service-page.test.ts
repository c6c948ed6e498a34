/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  entityTab,
  eventually,
  launchBrowser,
  screenshotter,
  SignedInUser,
  signInAsMemberOf,
  signInWithGitHub,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';
import { ARGOCD_ADMIN_TOKEN } from 'sandbox';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import { runFastApiTemplate } from '../support/templateRun';
import {
  catalogLocations,
  githubApi,
  pushCommit,
  pushRepository,
  rendersOnOneLine,
  writeAudienceTemplate,
} from './fixtures';

// Day two on the service page, in Chromium on the sandbox (PostgreSQL, the
// GitHub, Argo CD and Kubernetes stand-ins): a service made by the FastAPI
// template shows whether it is OK at the top of its Overview (About, Argo CD,
// CI with the run of the template's first commit, pods), without empty
// relation tables; the home page lists the user's service with its Argo CD
// status and the entities they visited; a broken catalog-info.yaml shows in
// the unprocessed view for a platform member and is refused to a developer;
// the service's API (the app's own OpenAPI document) shows its endpoints;
// the CI route refuses an entity the caller may not read.
// Screenshots: artifacts/screenshots/service-page/ (they illustrate docs/).
// Over 400 lines on purpose: the steps share one portal, one template run and
// one browser session (starting them takes minutes); fixtures.ts holds the
// helpers.
//
// Roles (narrowed through config, as an operator would):
//   platform group:   platform-sre -> junho-lee
//   service owner:    platform     -> minji-park (runs the template)
//   developer:        payments     -> sora-choi
jest.setTimeout(900_000);

const BROKEN = 'billing-broken';
const PREFIX = `svcpage_${Date.now().toString(36)}_`;

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the service page, the home page and unprocessed entities', () => {
  let pg: TestPostgres;
  let portal: SandboxPortal;
  let browser: Browser;
  let page: Page;
  let minji: SignedInUser;
  let junho: SignedInUser;
  let sora: SignedInUser;
  let extraDir: string;
  /** The service the template makes (its name gets a random suffix). */
  let serviceName: string;
  const shoot = screenshotter('service-page');

  beforeAll(async () => {
    extraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-page-'));
    pg = await startPostgres();
    portal = await startSandboxPortal({
      // The audience template names the GitHub stand-in at its usual port.
      standardPorts: true,
      syncDelayMs: 1500,
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
        APP_CONFIG_launchpad_access_templateAudiences: JSON.stringify({
          sre: ['group:default/platform-sre'],
        }),
        APP_CONFIG_catalog_locations: JSON.stringify(
          catalogLocations([writeAudienceTemplate(extraDir)]),
        ),
      },
    });
    const signIn = (login: string, group: string) =>
      signInAsMemberOf(portal.baseUrl, login, group);
    minji = await signIn('minji-park', 'group:default/platform');
    junho = await signIn('junho-lee', 'group:default/platform-sre');
    sora = await signIn('sora-choi', 'group:default/payments');
    // minji-park (team platform) runs the FastAPI template, as the form would.
    ({ name: serviceName } = await runFastApiTemplate({
      baseUrl: portal.baseUrl,
      token: minji.token,
      githubHost: new URL(portal.githubUrl).host,
      owner: 'group:default/platform',
      system: 'developer-platform',
      namePrefix: 'orders',
    }));

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(60_000);
  });

  afterEach(async () => {
    if (page) await shoot(page, 'after-step').catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await pg?.stop();
    fs.rmSync(extraDir, { recursive: true, force: true });
  });

  it("shows the service's status first: About, Argo CD, CI with the first commit's run, pods", async () => {
    // The commit the template pushed, as GitHub (the stand-in) has it.
    const head = await (
      await githubApi(
        portal,
        `/repos/launchpad-demo/${serviceName}/commits/main`,
      )
    ).json();
    const firstLine = String(head.commit.message).split('\n')[0];

    await signInWithGitHub(page, portal.baseUrl, 'minji-park');
    await page.getByText('Getting started').first().waitFor();
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/${serviceName}`,
    );

    const status = page.getByRole('region', { name: 'Service status' });
    // Each status card sits in its own cell of the status row.
    const cells = status.locator(':scope > div');
    const card = (title: string) =>
      cells.filter({ has: page.getByText(title, { exact: true }) }).first();
    await card('About').waitFor();
    await card('Argo CD')
      .getByText('Synced', { exact: true })
      .waitFor({ timeout: 90_000 });
    await card('Argo CD')
      .getByText('Healthy', { exact: true })
      .waitFor({ timeout: 90_000 });

    const ci = card('CI');
    // The run of the `ci` workflow: its caption reads "ci #1 · <sha> · <when>".
    const run = ci
      .getByTestId('ci-run')
      .filter({ has: page.getByText(/^ci #1 /) })
      .first();
    await run.waitFor({ timeout: 60_000 });
    await run.getByText('Success').waitFor({ timeout: 30_000 });
    // The short SHA, linked to the commit, with the full SHA as its title.
    await run.getByTitle(head.sha).waitFor();
    expect(await run.getByTitle(head.sha).innerText()).toContain(
      head.sha.slice(0, 7),
    );
    await run
      .getByRole('link', { name: new RegExp(`^${escapeRegExp(firstLine)}`) })
      .waitFor();
    await ci
      .getByText(`GitHub Actions on main of launchpad-demo/${serviceName}`)
      .waitFor();

    await card('Kubernetes')
      .getByText('2/2 pods ready, 0 restarts')
      .waitFor({ timeout: 90_000 });

    // The About card sits first, and no word in it is cut.
    const titles = (await cells.allInnerTexts()).map(t =>
      t.split('\n')[0].trim(),
    );
    expect(titles.slice(0, 4)).toEqual([
      'About',
      'Argo CD',
      'CI',
      'Kubernetes',
    ]);
    expect(await rendersOnOneLine(page, 'service-status', 'experimental')).toBe(
      true,
    );

    // A new service has no APIs or dependencies: no empty tables for them.
    const main = await page.locator('main').innerText();
    expect(main).not.toMatch(
      /does not (provide|consume) any APIs|is a dependency of this component|No subcomponent/,
    );
    await page.mouse.move(0, 0);
    await shoot(page, 'overview');
  });

  it('shows the deployment history: two syncs after a second push, each revision linked to its commit', async () => {
    const sha = await pushCommit(
      portal,
      serviceName,
      'README.md',
      `# ${serviceName}\n\nSecond push.\n`,
      'docs: second push',
    );
    // Argo CD starts a sync for the new commit (its webhook or poll); the
    // stand-in is asked directly, through Argo CD's own API, as its admin:
    // the portal's own account may not sync (deploy/tenancy/argocd-rbac).
    const synced = await fetch(
      `${portal.argocdUrl}/api/v1/applications/${serviceName}/sync`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ARGOCD_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: serviceName }),
      },
    );
    expect(synced.status).toBe(200);

    const history = page.getByRole('region', { name: 'Deployment history' });
    const rows = history.getByTestId('argocd-deployment');
    await eventually(
      'two deployments in the Argo CD card',
      async () => {
        await page.reload();
        await history.waitFor({ timeout: 30_000 });
        return (await rows.count()) === 2 &&
          (await rows.first().innerText()).includes('Succeeded')
          ? true
          : undefined;
      },
      90_000,
    );
    // Newest first: the second push, then the template's first commit.
    const newest = rows.first().getByRole('link');
    // (The link's text ends with Backstage's ", Opens in a new window".)
    expect(await newest.innerText()).toMatch(new RegExp(`^${sha.slice(0, 7)}`));
    expect(await newest.getAttribute('href')).toBe(
      `${portal.githubUrl}/launchpad-demo/${serviceName}/commit/${sha}`,
    );
    expect(await rows.nth(1).innerText()).toMatch(/Succeeded[\s\S]*auto-sync/);
    expect(await rows.first().innerText()).toMatch(/Succeeded/);
    await history.scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await shoot(page, 'argocd-history');

    // The same route refuses a user who may not read the entity.
    const hidden = await sora.fetch(
      '/api/argocd/entities/default/template/sre-runbook/status',
    );
    expect(hidden.status).toBe(403);
  });

  it('lists the runs in the CI tab', async () => {
    await entityTab(page, 'CI').click();
    await page
      .getByText(`GitHub Actions on main of launchpad-demo/${serviceName}`)
      .waitFor();
    // The template's first push ran both of its push workflows.
    await page.getByRole('link', { name: /^ci #1/ }).waitFor();
    await page.getByRole('link', { name: /^techdocs #1/ }).waitFor();
    expect(await page.getByText('Success').count()).toBeGreaterThanOrEqual(2);
    await shoot(page, 'ci-tab');
  });

  it("shows the API the service provides, with the app's own endpoints", async () => {
    // The registered definition is the openapi.json the template wrote from
    // app.openapi() into the repository (the template's own test checks it
    // equals what the app serves at /openapi.json).
    const api = await (
      await minji.fetch(
        `/api/catalog/entities/by-name/api/default/${serviceName}`,
      )
    ).json();
    expect(api.spec.type).toBe('openapi');
    const committed = await (
      await githubApi(
        portal,
        `/repos/launchpad-demo/${serviceName}/contents/openapi.json`,
      )
    ).json();
    expect(JSON.parse(api.spec.definition)).toEqual(
      JSON.parse(Buffer.from(committed.content, 'base64').toString('utf8')),
    );
    expect(Object.keys(JSON.parse(api.spec.definition).paths)).toEqual(
      expect.arrayContaining(['/healthz', '/api/v1/items']),
    );

    await page.goto(
      `${portal.baseUrl}/catalog/default/component/${serviceName}`,
    );
    await entityTab(page, 'APIs').click();
    const provided = page.getByRole('link', { name: serviceName, exact: true });
    await provided.first().waitFor();
    await provided.first().click();
    // The API's page shows its definition: Swagger UI renders the
    // operations from the registered document (it puts zero-width spaces
    // into long paths).
    await page.locator('.opblock-summary-path').first().waitFor();
    const paths = async () =>
      (await page.locator('.opblock-summary-path').allInnerTexts()).map(t =>
        t.replace(/\u200b/g, '').trim(),
      );
    await eventually(
      'the FastAPI endpoints in Swagger UI',
      async () => {
        const shown = await paths();
        return ['/healthz', '/readyz', '/api/v1/items'].every(p =>
          shown.includes(p),
        )
          ? shown
          : undefined;
      },
      30_000,
    );
    await page.mouse.move(0, 0);
    await shoot(page, 'api-definition');

    // The API's Overview: its About card shows the lifecycle in one piece
    // (the default layout's narrow column cut it: "experimenta l").
    await page.goto(`${portal.baseUrl}/catalog/default/api/${serviceName}`);
    await page
      .getByTestId('service-status')
      .getByText('experimental')
      .waitFor();
    expect(await rendersOnOneLine(page, 'service-status', 'experimental')).toBe(
      true,
    );
    await shoot(page, 'api-overview');

    // The API explorer lists it.
    await page.goto(`${portal.baseUrl}/api-docs`);
    await page
      .getByRole('link', { name: serviceName, exact: true })
      .first()
      .waitFor();
    // Back to the service for the next step.
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/${serviceName}`,
    );
  });

  it("lists the user's service with its Argo CD status, and what they visited, on the home page", async () => {
    // Star the service and visit one more entity first.
    await entityTab(page, 'Overview').click();
    await page
      .getByRole('button', { name: 'Add to favorites' })
      .first()
      .click();
    await page
      .getByRole('button', { name: 'Remove from favorites' })
      .first()
      .waitFor();
    await page.goto(
      `${portal.baseUrl}/catalog/default/component/launchpad-portal`,
    );
    await page.getByText('launchpad-portal').first().waitFor();

    await page.goto(portal.baseUrl);
    const mine = page.getByRole('list', { name: 'My services' });
    const row = mine.getByTestId('my-service').filter({ hasText: serviceName });
    await row.getByText('Synced · Healthy').waitFor({ timeout: 60_000 });
    expect(await row.getByRole('link').first().getAttribute('href')).toBe(
      `/catalog/default/component/${serviceName}`,
    );

    const widget = (title: RegExp) =>
      page
        .locator('[class*="MuiCard-root"]')
        .filter({ has: page.getByText(title) })
        .first();
    await widget(/Recently Visited/i)
      .getByText(serviceName)
      .first()
      .waitFor();
    await widget(/Recently Visited/i)
      .getByText('Launchpad developer portal')
      .first()
      .waitFor();
    await widget(/Top visited/i)
      .getByText(serviceName)
      .first()
      .waitFor();
    await widget(/Starred/i)
      .getByText(serviceName)
      .first()
      .waitFor();
    await shoot(page, 'home');
  });

  it('shows a broken catalog-info.yaml in the unprocessed view for a platform member', async () => {
    await pushRepository(portal, BROKEN, {
      // No spec.type: the catalog cannot process the entity.
      'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${BROKEN}
spec:
  lifecycle: production
  owner: group:default/payments
`,
    });
    const target = `${portal.githubUrl}/launchpad-demo/${BROKEN}/blob/main/catalog-info.yaml`;
    const registered = await junho.fetch('/api/catalog/locations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url', target }),
    });
    expect(registered.status).toBe(201);

    // An entity that never processed has no stitched row, so the module
    // lists it as "pending", with the catalog's errors (its "failed" list is
    // for stitched rows without an entity, which catalog-backend 4 does not
    // write).
    const unprocessed = await eventually(
      `${BROKEN} among the unprocessed entities, with its errors`,
      async () => {
        const res = await junho.fetch(
          '/api/catalog/entities/unprocessed/pending',
        );
        const body = await res.json();
        return body.entities?.find(
          (e: any) =>
            e.unprocessed_entity?.metadata?.name === BROKEN &&
            e.errors?.length > 0,
        );
      },
      120_000,
      2000,
    );
    expect(JSON.stringify(unprocessed.errors)).toMatch(
      /must have required property 'type'/,
    );

    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
    });
    const platformPage = await context.newPage();
    try {
      await signInWithGitHub(platformPage, portal.baseUrl, 'junho-lee');
      await platformPage.getByText('Getting started').first().waitFor();
      await platformPage
        .getByRole('link', { name: 'Unprocessed Entities' })
        .first()
        .click();
      await platformPage.getByRole('tab', { name: 'Pending' }).click();
      await platformPage.getByPlaceholder('Filter').first().fill(BROKEN);
      const row = platformPage
        .locator('tbody tr')
        .filter({ hasText: 'group:default/payments' })
        .first();
      await row.waitFor({ timeout: 60_000 });
      // The raw row, with the file's content and the catalog's reason, in a
      // dialog. (The module's pending list leaves the entityRef column empty:
      // its query lets final_entities' empty entity_ref overwrite
      // refresh_state's; docs/software-catalog.md says so.)
      await row
        .getByRole('button', { name: /^Show raw entity definition/ })
        .click();
      const dialog = platformPage.getByRole('dialog');
      await dialog
        .getByText(/must have required property 'type'/)
        .first()
        .waitFor();
      await dialog.getByText(`"${BROKEN}"`).first().waitFor();
      await shoot(platformPage, 'unprocessed');
    } catch (error) {
      await shoot(platformPage, 'failed-platform').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  it('refuses the unprocessed view to a developer, and hides it from their sidebar', async () => {
    for (const list of ['pending', 'failed']) {
      const res = await sora.fetch(`/api/catalog/entities/unprocessed/${list}`);
      expect(res.status).toBe(403);
      expect(JSON.stringify(await res.json())).not.toContain(BROKEN);
    }

    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
    });
    const devPage = await context.newPage();
    try {
      await signInWithGitHub(devPage, portal.baseUrl, 'sora-choi');
      await devPage.getByText('Getting started').first().waitFor();
      await devPage.getByRole('link', { name: 'Create' }).first().waitFor();
      expect(
        await devPage
          .getByRole('link', { name: 'Unprocessed Entities' })
          .count(),
      ).toBe(0);
      await devPage.goto(`${portal.baseUrl}/catalog-unprocessed-entities`);
      await devPage
        .getByText(/Unauthorized|not allowed|403/i)
        .first()
        .waitFor();
      expect(await devPage.locator('body').innerText()).not.toContain(BROKEN);
      await shoot(devPage, 'unprocessed-refused');
    } catch (error) {
      await shoot(devPage, 'failed-developer').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  });

  it('answers the CI route only for entities the caller may read', async () => {
    const runsOf = (user: SignedInUser, ref: string) =>
      user.fetch(`/api/github-actions/entities/default/${ref}/runs`);

    const hidden = await runsOf(sora, 'template/sre-runbook');
    expect(hidden.status).toBe(403);
    expect((await hidden.json()).error.message).toBe(
      'You are not allowed to read template:default/sre-runbook',
    );
    const allowed = await runsOf(junho, 'template/sre-runbook');
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).repository.slug).toBe(
      'launchpad-demo/platform-gateway',
    );

    // Every signed-in user reads components, and so their runs.
    const service = await runsOf(sora, `component/${serviceName}`);
    expect(service.status).toBe(200);
    expect((await service.json()).runs.length).toBeGreaterThan(0);
    // Without a user token: no answer at all.
    const anonymous = await fetch(
      `${portal.baseUrl}/api/github-actions/entities/default/component/${serviceName}/runs`,
    );
    expect(anonymous.status).toBe(401);
  });
});
