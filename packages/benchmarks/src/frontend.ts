/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { NAME_PREFIX } from './entities';
import { signInWithGitHub } from '@internal/test-support';

export interface ScriptTally {
  scripts: number;
  /** Sum of each script's size gzipped at level 6 (what `gzip` does). */
  gzipBytes: number;
  /** Sum of the bytes as served (after any content-encoding the server applied). */
  transferBytes: number;
  rawBytes: number;
}

export interface FrontendResult {
  signInPage: ScriptTally;
  /** Everything the browser downloaded until the first signed-in page (home) showed. */
  firstSignedInPage: ScriptTally & { ms: number };
  /** Clicking "Catalog" in the sidebar until the list's first row shows (default filters). */
  catalogFromSidebarMs: number;
  /** Loading /catalog in a fresh tab, browser cache disabled, until the list shows. */
  catalogColdLoadMs: number;
  catalogColdLoad: ScriptTally;
  /**
   * Loading /catalog in another fresh tab with the browser cache as the
   * session left it (a returning user opening a link or reloading).
   */
  catalogCachedTabMs: number;
  /** Milliseconds after navigation: DOMContentLoaded, the list request sent and answered. */
  catalogColdTimeline: {
    domContentLoadedMs?: number;
    listRequestMs?: number;
    listResponseMs?: number;
  };
  /** The catalog page URL measured (kind Component, all owners). */
  catalogPagePath: string;
  /** The by-query request the catalog page issued for its list (a page of 20, no count). */
  catalogQueryPath?: string;
  /** Every by-query request the catalog page issued (list, counts, pickers). */
  catalogQueries: string[];
  largestScripts: { url: string; gzipBytes: number }[];
}

export function tally() {
  const seen = new Map<
    string,
    { gzip: number; transfer: number; raw: number }
  >();
  const pending: Promise<void>[] = [];
  const listener = (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    const url = response.url();
    pending.push(
      (async () => {
        const body = await response.body().catch(() => undefined);
        if (!body || seen.has(url)) return;
        const sizes = await response
          .request()
          .sizes()
          .catch(() => undefined);
        seen.set(url, {
          gzip: zlib.gzipSync(body, { level: 6 }).length,
          // -1 when the browser cannot tell (e.g. with the cache disabled).
          transfer:
            sizes && sizes.responseBodySize >= 0
              ? sizes.responseBodySize
              : body.length,
          raw: body.length,
        });
      })(),
    );
  };
  return {
    listener,
    async snapshot(): Promise<ScriptTally & { entries: [string, number][] }> {
      await Promise.all(pending);
      const values = [...seen.values()];
      return {
        scripts: values.length,
        gzipBytes: values.reduce((n, v) => n + v.gzip, 0),
        transferBytes: values.reduce((n, v) => n + v.transfer, 0),
        rawBytes: values.reduce((n, v) => n + v.raw, 0),
        entries: [...seen.entries()].map(([u, v]) => [u, v.gzip]),
      };
    },
  };
}

export const strip = <T extends { entries?: unknown }>({
  entries: _e,
  ...rest
}: T) => rest;

/**
 * The catalog page's Component list for all owners. (A lifecycle given in
 * the URL is applied only after the first list has rendered, so the
 * benchmark times the first list and derives the lifecycle-filtered request
 * from the one the page sent; see {@link withLifecycle}.)
 */
export const CATALOG_PAGE_PATH =
  '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all';

/**
 * The page's list request with the lifecycle filter added the way the
 * catalog client encodes several filter keys: one `filter` parameter,
 * comma-separated `key=value` pairs.
 */
export function withLifecycle(listPath: string, lifecycle: string): string {
  const url = new URL(listPath, 'http://portal');
  const filters = url.searchParams.getAll('filter');
  if (filters.length !== 1) {
    throw new Error(`expected one filter parameter in ${listPath}`);
  }
  url.searchParams.set('filter', `${filters[0]},spec.lifecycle=${lifecycle}`);
  return `${url.pathname}${url.search}`;
}

export async function firstGeneratedRow(page: Page) {
  await page
    .locator('table tbody tr')
    .filter({ hasText: `${NAME_PREFIX}service-` })
    .first()
    .waitFor({ timeout: 60_000 });
}

/** The catalog page's list request: a page of 20 without the total count. */
function isListRequest(url: string) {
  const params = new URL(url, 'http://portal').searchParams;
  return params.get('limit') === '20' && params.get('totalItems') === 'exclude';
}

/**
 * Opens `url` in a fresh tab of a signed-in context with the HTTP cache
 * disabled and times it until the list's first generated row shows; also
 * counts the scripts, notes the by-query requests the page sent and when
 * the list request left and was answered.
 */
export async function coldCatalogTab(
  context: BrowserContext,
  url: string,
): Promise<{
  ms: number;
  scripts: ScriptTally;
  queries: string[];
  timeline: FrontendResult['catalogColdTimeline'];
}> {
  const cold = await context.newPage();
  const cdp = await context.newCDPSession(cold);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const coldScripts = tally();
  cold.on('response', coldScripts.listener);
  const queries: string[] = [];
  const timeline: FrontendResult['catalogColdTimeline'] = {};
  let t0 = Date.now();
  cold.on('request', req => {
    const u = new URL(req.url());
    if (u.pathname.endsWith('/api/catalog/entities/by-query')) {
      queries.push(`${u.pathname}${u.search}`);
      if (isListRequest(req.url())) timeline.listRequestMs ??= Date.now() - t0;
    }
  });
  cold.on('response', res => {
    if (res.url().includes('/entities/by-query') && isListRequest(res.url())) {
      timeline.listResponseMs ??= Date.now() - t0;
    }
  });
  cold.on('domcontentloaded', () => {
    timeline.domContentLoadedMs ??= Date.now() - t0;
  });
  t0 = Date.now();
  await cold.goto(url);
  await firstGeneratedRow(cold);
  const ms = Date.now() - t0;
  const scripts = strip(await coldScripts.snapshot());
  await cold.close();
  return { ms, scripts, queries, timeline };
}

/**
 * Signs in through the real sign-in page and the GitHub stand-in's OAuth
 * popup, counting the JavaScript the browser downloads, then times the
 * catalog list.
 */
export async function measureFrontend(
  browser: Browser,
  baseUrl: string,
  login: string,
): Promise<FrontendResult> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
  });
  try {
    const page = await context.newPage();
    const scripts = tally();
    page.on('response', scripts.listener);

    const t0 = Date.now();
    await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
    await page
      .getByRole('button', { name: /sign in/i })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const signInPage = strip(await scripts.snapshot());

    await signInWithGitHub(page, baseUrl, login);
    await page
      .getByText('Getting started')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const firstMs = Date.now() - t0;
    const first = await scripts.snapshot();

    // The catalog, as a signed-in user reaches it from the sidebar.
    const t1 = Date.now();
    await page.getByRole('link', { name: 'Catalog' }).first().click();
    await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
    const catalogFromSidebarMs = Date.now() - t1;

    // A fresh tab on the filtered list, no HTTP cache: what a reload costs.
    const {
      ms: catalogColdLoadMs,
      scripts: catalogColdLoad,
      queries,
      timeline,
    } = await coldCatalogTab(context, `${baseUrl}${CATALOG_PAGE_PATH}`);

    // Another fresh tab, this time with the HTTP cache (hashed /static
    // files are cacheable), as for a returning user.
    const cached = await context.newPage();
    const t3 = Date.now();
    await cached.goto(`${baseUrl}${CATALOG_PAGE_PATH}`);
    await firstGeneratedRow(cached);
    const catalogCachedTabMs = Date.now() - t3;
    await cached.close();
    // The list itself: a page of 20 without the total count (the page asks
    // for counts in separate limit=0 requests).
    const catalogQueryPath = queries.find(isListRequest);

    return {
      signInPage,
      firstSignedInPage: { ...strip(first), ms: firstMs },
      catalogFromSidebarMs,
      catalogColdLoadMs,
      catalogCachedTabMs,
      catalogPagePath: CATALOG_PAGE_PATH,
      catalogColdLoad,
      catalogColdTimeline: timeline,
      catalogQueryPath,
      catalogQueries: [...new Set(queries)],
      largestScripts: first.entries
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([url, gzipBytes]) => ({ url: new URL(url).pathname, gzipBytes })),
    };
  } finally {
    await context.close();
  }
}
