/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */
import fs from 'node:fs';
import type { BrowserContext, Route } from 'playwright-core';
import { launchBrowser, signInWithGitHub } from '@internal/test-support';
import { CATALOG_PAGE_PATH, firstGeneratedRow } from './frontend';
import { LOGIN } from './bench';

// Where a fresh tab's time goes, against a portal held by
// `yarn bench --hold-seconds N` (packages/benchmarks/README.md, Findings,
// "Catalog list in a fresh tab"):
//
//   node --import tsx src/probeFreshTab.ts <baseUrl> [rounds] [cpu-profile-file]
//
// 1. one tab counting React's commits and the named components (function
//    or class, minified names included) that rendered in them, through the
//    DevTools hook React calls in production builds too, and,
//    with a file name, writing the renderer's CPU profile to it;
// 2. `rounds` tabs of each variant in turn, timing the first generated row:
//    as built; repeated identical facet and count requests answered from the
//    first answer; every catalog page chunk preloaded from index.html; both.

const COMMIT_COUNTER = `(() => {
  const stats = { commits: 0, rendered: 0 };
  window.__launchpadCommits = stats;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), checkDCE() {},
    inject(r) { this.renderers.set(this.renderers.size + 1, r); return this.renderers.size; },
    onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      stats.commits++;
      const stack = [root.current];
      while (stack.length) {
        const f = stack.pop();
        const t = f.type;
        const named = t && typeof t !== 'string' &&
          (t.displayName || t.name || t.render?.displayName || t.render?.name || t.type?.displayName || t.type?.name);
        if ((f.flags & 1) && named) stats.rendered++;
        if (f.child) stack.push(f.child);
        if (f.sibling) stack.push(f.sibling);
      }
    },
  };
})();`;

type Variant = 'as built' | 'shared requests' | 'preloaded chunks' | 'both';
const VARIANTS: Variant[] = [
  'as built',
  'shared requests',
  'preloaded chunks',
  'both',
];

async function shareRepeatedRequests(route: Route, cache: Map<string, any>) {
  const url = new URL(route.request().url());
  url.searchParams.delete('orderField'); // does not change a count
  const key = url.toString();
  if (!cache.has(key)) {
    cache.set(
      key,
      route.fetch().then(async r => ({
        status: r.status(),
        headers: r.headers(),
        body: await r.body(),
      })),
    );
  }
  await route.fulfill(await cache.get(key));
}

async function openTab(
  context: BrowserContext,
  url: string,
  options: { variant?: Variant; chunks?: string[]; profile?: string } = {},
) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const chunks: string[] = [];
  tab.on('request', r => {
    if (r.url().endsWith('.chunk.js')) chunks.push(new URL(r.url()).pathname);
  });
  const variant = options.variant ?? 'as built';
  if (variant === 'shared requests' || variant === 'both') {
    const cache = new Map();
    await tab.route(
      /\/api\/catalog\/(entity-facets|entities\/by-query\?limit=0)/,
      route => shareRepeatedRequests(route, cache),
    );
  }
  if (variant === 'preloaded chunks' || variant === 'both') {
    const links = (options.chunks ?? [])
      .map(c => `<link rel="preload" as="script" href="${c}">`)
      .join('');
    await tab.route(
      u => u.pathname === new URL(url).pathname,
      async route => {
        const response = await route.fetch();
        const html = (await response.text()).replace(
          '</head>',
          `${links}</head>`,
        );
        await route.fulfill({ response, body: html });
      },
    );
  }
  if (options.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const started = Date.now();
  await tab.goto(url);
  await firstGeneratedRow(tab);
  const ms = Date.now() - started;
  if (options.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(options.profile, JSON.stringify(profile));
  }
  const commits = await tab.evaluate(() => (window as any).__launchpadCommits);
  await tab.waitForTimeout(1500); // let the page settle before the next tab
  await tab.close();
  return { ms, chunks, commits };
}

async function main() {
  const [baseUrl, rounds = '4', profile] = process.argv.slice(2);
  if (!baseUrl) {
    console.log(
      'usage: node --import tsx src/probeFreshTab.ts <baseUrl> [rounds] [cpu-profile-file]',
    );
    process.exit(2);
  }
  const url = `${baseUrl}${CATALOG_PAGE_PATH}`;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await signInWithGitHub(page, baseUrl, LOGIN);
    await page.goto(url);
    await firstGeneratedRow(page);

    await context.addInitScript(COMMIT_COUNTER);
    const first = await openTab(context, url, { profile });
    console.log(
      `first row after ${first.ms} ms: ${
        first.commits?.commits
      } React commits, ${first.commits?.rendered} components rendered${
        profile ? `; CPU profile in ${profile}` : ''
      }`,
    );
    const times = new Map<Variant, number[]>();
    for (let i = 0; i < Number(rounds); i++) {
      for (const variant of VARIANTS) {
        const { ms } = await openTab(context, url, {
          variant,
          chunks: first.chunks,
        });
        times.set(variant, [...(times.get(variant) ?? []), ms]);
      }
    }
    for (const [variant, ms] of times) {
      const sorted = [...ms].sort((a, b) => a - b);
      console.log(
        `${variant.padEnd(17)} median ${
          sorted[Math.floor(sorted.length / 2)]
        } ms (${sorted.join(', ')})`,
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
