/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import { registerGitHubRepository } from './githubRepository';
import {
  repoRoot,
  launchBrowser,
  screenshotter,
  signInWithGitHub,
  eventually,
} from '@internal/test-support';

// The portal's own TechDocs (mkdocs.yml + docs/ at the repository root,
// referenced by the root catalog-info.yaml), in Chromium on the sandbox: the
// Docs tab of the launchpad-portal component shows the chapter, search finds
// a word that only the docs contain, and a component whose docs cannot be
// built (no mkdocs.yml) shows why instead of a blank page.
// Screenshots: artifacts/screenshots/portal-docs/ (they illustrate docs/).
jest.setTimeout(480_000);

const ENTITY = '/catalog/default/component/launchpad-portal';
/** PORTAL_API_WRITE_TOKEN of this portal: registering a location is a write. */
const WRITE_TOKEN = randomBytes(24).toString('hex');
/**
 * In the docs (docs/prerequisites.md, docs/techdocs.md) and nowhere in the
 * catalog; ASCII, because the local Lunr engine drops Korean words.
 */
const DOCS_ONLY_TERM = 'pymdownx';

type Entity = { metadata: { name: string } };

/** An entity page tab (a link in the new frontend system's entity header). */
function entityTab(page: Page, name: string) {
  return page
    .locator('main')
    .getByRole('link', { name, exact: true })
    .or(page.getByRole('tab', { name, exact: true }))
    .first();
}

describe("the portal's own docs in the browser", () => {
  let portal: SandboxPortal;
  let browser: Browser;
  let page: Page;
  const shoot = screenshotter('portal-docs');

  beforeAll(async () => {
    portal = await startSandboxPortal({
      env: { PORTAL_API_WRITE_TOKEN: WRITE_TOKEN },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('signs in and lists the catalog, with the repositories found on GitHub', async () => {
    await eventually(
      'ingested users and discovered repositories',
      async () => {
        const user = await portal.api(
          '/api/catalog/entities/by-name/user/default/minji-park',
        );
        const repo = await portal.api(
          '/api/catalog/entities/by-name/component/default/payments-api',
        );
        return user.status === 200 && repo.status === 200 ? true : undefined;
      },
      120_000,
    );
    await page.goto(portal.baseUrl, { waitUntil: 'domcontentloaded' });
    await page
      .getByRole('button', { name: /sign in/i })
      .first()
      .waitFor();
    await page
      .getByText(/members of the organization only/)
      .first()
      .waitFor();
    await shoot(page, 'sign-in');
    await signInWithGitHub(page, portal.baseUrl, 'minji-park');
    await page.getByText('Getting started').first().waitFor();
    // All components, not only the signed-in user's own
    await page.goto(
      `${portal.baseUrl}/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all`,
    );
    await page.getByRole('link', { name: 'payments-api' }).first().waitFor();
    await page
      .getByRole('link', {
        name: /launchpad-portal|Launchpad developer portal/,
      })
      .first()
      .waitFor();
    await shoot(page, 'catalog');
  });

  it("opens the portal component's Docs tab and shows the chapter", async () => {
    await page.goto(`${portal.baseUrl}${ENTITY}`);
    await entityTab(page, 'TechDocs').click();
    // Built on first view by the local builder from mkdocs.yml + docs/.
    await page
      .getByRole('heading', {
        name: 'Launchpad 개발자 포털: Amazon EKS를 위한 Backstage',
      })
      .first()
      .waitFor({ timeout: 180_000 });
    // The index page's sections, in order (docs/index.md)
    const headings = await page
      .getByRole('heading', { level: 2 })
      .allInnerTexts();
    const sections = headings
      .map(h => h.replace(/[¶#]/g, '').trim())
      .filter(Boolean);
    expect(sections).toEqual(
      expect.arrayContaining([
        '학습 목표',
        '이 챕터의 구성',
        '누가 무엇을 하나요?',
      ]),
    );
    expect(sections.indexOf('학습 목표')).toBeLessThan(
      sections.indexOf('이 챕터의 구성'),
    );
    // The chapter's pages (mkdocs.yml nav), linked from the page
    for (const chapter of [
      '사전 조건',
      'Backstage 란?',
      '설치',
      '인증과 GitHub 연동',
      'Kubernetes에 Backstage 배포',
    ]) {
      await page
        .getByRole('link', { name: chapter, exact: true })
        .first()
        .waitFor();
    }
    await shoot(page, 'docs');

    // A chapter page renders too.
    await page
      .getByRole('link', { name: '사전 조건', exact: true })
      .first()
      .click();
    await page
      .getByRole('heading', { name: '로컬 개발 환경' })
      .first()
      .waitFor({ timeout: 60_000 });
  });

  it('finds a word that only the docs contain in search', async () => {
    // The word is in no catalog entity: a hit can only come from the docs.
    const { body: entities } = await portal.api<Entity[]>(
      '/api/catalog/entities',
    );
    expect(entities.length).toBeGreaterThan(10);
    expect(JSON.stringify(entities).toLowerCase()).not.toContain(
      DOCS_ONLY_TERM,
    );

    // The TechDocs collator indexes built docs: run it now rather than wait.
    const { body } = await portal.api<{ tasks: Array<{ taskId: string }> }>(
      '/api/search/.backstage/scheduler/v1/tasks',
    );
    const collator = body.tasks.find(t => /techdocs/i.test(t.taskId));
    expect(collator).toBeDefined();
    const trigger = async () =>
      fetch(
        `${
          portal.baseUrl
        }/api/search/.backstage/scheduler/v1/tasks/${encodeURIComponent(
          collator!.taskId,
        )}/trigger`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${portal.apiToken}` },
        },
      );
    expect([200, 409]).toContain((await trigger()).status);

    await eventually(
      `a docs result for "${DOCS_ONLY_TERM}"`,
      async () => {
        const res = await portal.api<{
          results: Array<{ type: string; document: { location: string } }>;
        }>(`/api/search/query?term=${DOCS_ONLY_TERM}`);
        if (!res.body.results?.some(r => r.type === 'techdocs')) {
          await trigger(); // 409 while a run is in progress
          return undefined;
        }
        return true;
      },
      180_000,
      3000,
    );

    await page.goto(`${portal.baseUrl}/search?query=${DOCS_ONLY_TERM}`);
    const hit = page
      .locator('a[href*="/docs/default/component/launchpad-portal/"]')
      .first();
    await hit.waitFor({ timeout: 60_000 });
    // Only docs pages: no catalog entity matched.
    await expect(
      page.locator('a[href*="/catalog/default/"]').count(),
    ).resolves.toBe(0);
    // A smaller window for this text-heavy screen keeps its PNG small.
    await page.setViewportSize({ width: 1280, height: 720 });
    await shoot(page, 'search');
    await page.setViewportSize({ width: 1366, height: 900 });
    await hit.click();
    await page.getByText(DOCS_ONLY_TERM).first().waitFor({ timeout: 60_000 });
  });

  it('says why when a component has docs but no mkdocs.yml', async () => {
    // A GitHub repository with docs/ and the techdocs-ref annotation but no
    // mkdocs.yml (the guard module's demo fixture), pushed to the stand-in
    // with git and registered like an existing component.
    await registerGitHubRepository(portal, {
      name: 'docs-without-mkdocs',
      from: path.join(
        repoRoot,
        'plugins/techdocs-backend-module-guard/dev/fixtures/no-mkdocs',
      ),
      entityName: 'guard-demo-no-mkdocs',
      // Registering is a write: PORTAL_API_WRITE_TOKEN, not the read-only token.
      writeToken: WRITE_TOKEN,
    });

    await page.goto(
      `${portal.baseUrl}/catalog/default/component/guard-demo-no-mkdocs`,
    );
    await entityTab(page, 'TechDocs').click();
    await page
      .getByText(
        /no mkdocs\.yml at the repository root; add one or remove the backstage\.io\/techdocs-ref annotation/,
      )
      .first()
      .waitFor({ timeout: 120_000 });
    await shoot(page, 'docs-build-error');
  });
});
