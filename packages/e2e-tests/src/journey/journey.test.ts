/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Browser, Page } from 'playwright-core';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  entityTab,
  eventually,
  launchBrowser,
  screenshotter,
  signInWithGitHub,
} from '@internal/test-support';

// A newcomer's first day, through the UI only, on the offline sandbox: sign
// in with GitHub, create a FastAPI service from the template, hear of it in
// the bell, follow it to its page, its docs, its workloads on (stand-in) EKS, its Argo CD status,
// and find it in search. Screenshots: artifacts/screenshots/journey/.
jest.setTimeout(600_000);

const SERVICE = 'orders-demo';

describe('the newcomer journey', () => {
  let portal: SandboxPortal;
  let browser: Browser;
  let page: Page;
  const shoot = screenshotter('journey');

  beforeAll(async () => {
    portal = await startSandboxPortal({
      standardPorts: true,
      syncDelayMs: 1500,
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(
      Number(process.env.JOURNEY_STEP_TIMEOUT_MS ?? 60_000),
    );
  });

  afterEach(async () => {
    // The last screen of every step, for diagnosing failures.
    if (page) await shoot(page, 'after-step').catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('signs in with GitHub as an organization member', async () => {
    // The org's users are ingested from the GitHub stand-in first.
    await eventually('ingested users', async () => {
      const res = await portal.api(
        '/api/catalog/entities/by-name/user/default/minji-park',
      );
      return res.status === 200 ? true : undefined;
    });
    await signInWithGitHub(page, portal.baseUrl, 'minji-park');
    await page.getByText('Getting started').first().waitFor();
    await shoot(page, 'home');
  });

  it('opens Create and chooses the FastAPI template', async () => {
    await page.getByRole('link', { name: 'Create' }).first().click();
    const card = page
      .locator('[class*="MuiCard-root"], article')
      .filter({ hasText: 'FastAPI service on Amazon EKS' })
      .first();
    await card.waitFor();
    await shoot(page, 'create');
    await card.getByRole('button', { name: /choose/i }).click();
    await page
      .getByLabel(/서비스 이름/)
      .first()
      .waitFor();
  });

  it('refuses an invalid service name in the form', async () => {
    await page
      .getByLabel(/서비스 이름/)
      .first()
      .fill('Orders_API');
    await page
      .getByLabel(/설명/)
      .first()
      .fill('주문 처리 서비스 (orders demo)');
    await pickOption(page, /소유 팀/, 'platform');
    await pickOption(page, /시스템/, 'Developer platform');
    await page.getByRole('button', { name: /^next/i }).click();
    await page
      .getByText(/소문자|lowercase/i)
      .first()
      .waitFor();
    await shoot(page, 'invalid-name');
    await page
      .getByLabel(/서비스 이름/)
      .first()
      .fill(SERVICE);
    await page.getByRole('button', { name: /^next/i }).click();
  });

  it('fills the repository and deployment pages and reviews', async () => {
    // Repository: the GitHub stand-in's host and organization.
    await page
      .getByText(/저장소 위치|Repository location/)
      .first()
      .waitFor();
    await selectHost(page, 'localhost:3300');
    await fillLabelled(page, /^Owner\s*\*?$/, 'launchpad-demo');
    await fillLabelled(page, /^Repository\s*\*?$/, SERVICE);
    await shoot(page, 'repository');
    await page.getByRole('button', { name: /^next/i }).click();
    // Deployment
    // One of the owner team's namespaces (launchpad.tenancy: platform, platform-*).
    await page
      .getByLabel(/네임스페이스/)
      .first()
      .fill('platform-orders');
    await page
      .getByLabel(/ECR repository URI/)
      .first()
      .fill(`123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${SERVICE}`);
    await shoot(page, 'deployment');
    await page.getByRole('button', { name: /^(next|review)$/i }).click();
    await page.getByRole('button', { name: /^create/i }).waitFor();
    await shoot(page, 'review');
  });

  it('runs the template and watches every step finish', async () => {
    await page.getByRole('button', { name: /^create/i }).click();
    await page
      .getByText(/Argo CD Application|저장소|Open in catalog/)
      .last()
      .waitFor({ timeout: 240_000 });
    await page
      .getByRole('link', { name: /카탈로그|Open in catalog/ })
      .first()
      .waitFor({ timeout: 240_000 });
    await shoot(page, 'task-done');
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/failed/i);
  });

  it('hears of it in the bell: the completion notification links to the service', async () => {
    const taskUrl = page.url();
    // The sidebar's bell counts the unread notification...
    const bell = page.getByRole('link', { name: /^Notifications/ });
    await bell.getByLabel('Unread notifications').waitFor();
    await bell.click();
    // ...and opens the list, where the template's notification links to
    // the new service's page.
    const title = `${SERVICE}: 서비스가 준비되었습니다 (service created)`;
    const link = page.getByRole('link', { name: title, exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(
      `/catalog/default/component/${SERVICE}`,
    );
    await page.mouse.move(0, 0);
    await shoot(page, 'bell');
    await page.goto(taskUrl);
    await page
      .getByRole('link', { name: /카탈로그|Open in catalog/ })
      .first()
      .waitFor();
  });

  it('follows the output link to the new service, which shows its owner', async () => {
    await page
      .getByRole('link', { name: /카탈로그|Open in catalog/ })
      .first()
      .click();
    await page.getByText(SERVICE).first().waitFor();
    await page.getByText('platform').first().waitFor();
    await shoot(page, 'entity');
  });

  it('shows Argo CD Synced and Healthy on the overview', async () => {
    // The Argo CD card (an InfoCard titled "Argo CD"), not any text on the page.
    const card = page
      .locator('[class*="MuiCard-root"]')
      .filter({ has: page.getByText('Argo CD', { exact: true }) })
      .first();
    await card.waitFor();
    await card
      .getByText('Synced', { exact: true })
      .waitFor({ timeout: 90_000 });
    await card
      .getByText('Healthy', { exact: true })
      .waitFor({ timeout: 90_000 });
    await card.getByRole('link', { name: /open in argo cd/i }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'argocd');
  });

  it('renders its docs in the TechDocs tab', async () => {
    await page.getByRole('link', { name: 'Overview', exact: true }).waitFor();
    await entityTab(page, 'TechDocs').click();
    // Built on the fly by the local builder from the new repository.
    await page.getByText('항목 (Item)').first().waitFor({ timeout: 180_000 });
    await shoot(page, 'docs');
  });

  it('lists its Deployment with ready pods in the Kubernetes tab', async () => {
    await entityTab(page, 'Kubernetes').click();
    await page
      .getByText('eks', { exact: true })
      .first()
      .waitFor({ timeout: 90_000 });
    await page
      .getByText(/2 pods/)
      .first()
      .waitFor({ timeout: 90_000 });
    await page.getByText(SERVICE).first().waitFor();
    await shoot(page, 'kubernetes');
    const body = await page.locator('main').innerText();
    expect(body).not.toMatch(/pods? with errors?: [1-9]/i);
  });

  it('finds the service by name in search', async () => {
    await eventually(
      'the new service in search results',
      async () => {
        // The index is refreshed every 30 s in local development.
        await page.goto(`${portal.baseUrl}/search?query=${SERVICE}`);
        await page
          .getByPlaceholder(/search/i)
          .first()
          .waitFor({ timeout: 60_000 });
        // A result linking to the entity (its title is split by highlights).
        const hit = page
          .locator(`a[href*="/catalog/default/component/${SERVICE}"]`)
          .first();
        await hit.waitFor({ timeout: 10_000 });
        return true;
      },
      150_000,
      2000,
    );
    await shoot(page, 'search');
  });
});

async function pickOption(page: Page, label: RegExp, text: string) {
  const input = page.getByLabel(label).first();
  await input.click();
  await input.fill(text);
  const pattern = new RegExp(text.replace(/-/g, '[- ]'), 'i');
  await page.getByRole('option', { name: pattern }).first().click();
}

async function selectHost(page: Page, host: string) {
  // RepoUrlPicker's host field: a MUI select around a native <select>.
  await page.getByTestId('host-select').locator('select').selectOption(host);
}

/** Types like a person (RepoUrlPicker updates its value on each keystroke). */
async function fillLabelled(page: Page, label: RegExp, value: string) {
  const field = page.getByLabel(label).first();
  await field.click();
  await field.pressSequentially(value, { delay: 20 });
  await field.press('Tab');
}
