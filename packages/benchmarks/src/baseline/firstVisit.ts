/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Browser, Page } from 'playwright-core';
import {
  coldCatalogTab,
  firstGeneratedRow,
  strip,
  tally,
  type ScriptTally,
} from '../frontend';

export interface SignInFlow {
  /** The sign-in page's button, shown once the page has rendered. */
  button: RegExp;
  /** Signs in from the sign-in page (a popup, a click). */
  run(page: Page): Promise<void>;
}

/**
 * What a developer's browser sees on both apps, measured the same way: the
 * JavaScript of the first page (the sign-in page: everything `index.html`
 * loads before anyone signs in), then, signed in, the catalog's Component
 * list in a fresh tab with the HTTP cache disabled until its first
 * generated row shows.
 */
export async function measureFirstVisit(
  browser: Browser,
  baseUrl: string,
  signIn: SignInFlow,
  catalogPagePath: string,
): Promise<{ firstPage: ScriptTally; freshTabCatalogMs: number }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
  });
  try {
    const page = await context.newPage();
    const scripts = tally();
    page.on('response', scripts.listener);
    await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
    await page
      .getByRole('button', { name: signIn.button })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const firstPage = strip(await scripts.snapshot());

    await signIn.run(page);
    // Signed in: the list shows in this tab too (the session is set up).
    await page.goto(`${baseUrl}${catalogPagePath}`);
    await firstGeneratedRow(page);

    const cold = await coldCatalogTab(context, `${baseUrl}${catalogPagePath}`);
    return { firstPage, freshTabCatalogMs: cold.ms };
  } finally {
    await context.close();
  }
}
