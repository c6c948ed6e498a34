/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserType, Page } from 'playwright-core';
import { repoRoot } from './repoRoot';

/** Debian's Chromium; never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  // Loaded when used: playwright-core takes over a second to load, and the
  // stand-ins and the sandbox import this package for its small helpers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as { chromium: BrowserType };
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screenshots kept as CI artifacts under artifacts/screenshots/<suite>/. */
export function screenshotter(suite: string) {
  const dir = path.join(repoRoot, 'artifacts', 'screenshots', suite);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, name: string) => {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
}

/**
 * Signs in through the real sign-in page and the GitHub stand-in's OAuth
 * page (a popup, as with github.com), choosing `login` there.
 */
export async function signInWithGitHub(
  page: Page,
  baseUrl: string,
  login: string,
) {
  await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
  const signIn = page.getByRole('button', { name: /sign in/i });
  await signIn.first().waitFor({ timeout: 60_000 });
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    signIn.first().click(),
  ]);
  await popup.waitForLoadState('domcontentloaded');
  await popup.locator(`button[value="${login}"]`).click();
}
