/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { firstGeneratedRow, strip, tally, type ScriptTally } from '../frontend';

export interface SignInFlow {
  /** The sign-in page's button, shown once the page has rendered. */
  button: RegExp;
  /** Signs in from the sign-in page (a popup, a click). */
  run(page: Page): Promise<void>;
}

/**
 * What a developer's browser sees first on both apps, measured the same
 * way: the JavaScript of the first page (the sign-in page: everything
 * `index.html` loads before anyone signs in). Then signs in and opens the
 * catalog's Component list once, so the returned context holds a session
 * for fresh-tab visits (`coldCatalogTab`). No page is left open: a paused
 * backend gets no requests from it. The caller closes the context.
 */
export async function signInForVisits(
  browser: Browser,
  baseUrl: string,
  signIn: SignInFlow,
  catalogPagePath: string,
): Promise<{ firstPage: ScriptTally; context: BrowserContext }> {
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
    await page.close();
    return { firstPage, context };
  } catch (error) {
    await context.close();
    throw error;
  }
}
