#!/usr/bin/env node
/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Refreshes the screenshots that illustrate the TechDocs chapter (docs/)
// from the browser tests' screenshots (artifacts/screenshots/<suite>/), so the
// docs show what the tests last saw instead of a manual run.
//
// A doc image `docs/images/<suite>-<step>.png` comes from the step screenshot
// `artifacts/screenshots/<suite>/NN-<step>.png` that `shoot(page, '<step>')`
// writes in the suite's test. Only images the docs reference are copied.
//
//   yarn workspace e2e-tests test --watchAll=false src/journey src/techdocs/docs-tab src/servicePage
//   yarn docs:screenshots             copy them into docs/images/
//   yarn docs:screenshots --root DIR  (another checkout; used by its test)

import fs from 'node:fs';
import path from 'node:path';

/** The browser test suites whose screenshots may illustrate the docs. */
const SUITES = {
  journey: 'packages/e2e-tests/src/journey/journey.test.ts',
  'portal-docs': 'packages/e2e-tests/src/techdocs/docs-tab.test.ts',
  'service-page': 'packages/e2e-tests/src/servicePage/service-page.test.ts',
};

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const root =
  rootArg >= 0
    ? path.resolve(args[rootArg + 1])
    : path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const docsDir = path.join(root, 'docs');
const imagesDir = path.join(docsDir, 'images');

/** `images/<file>` references in docs/*.md (Markdown image syntax). */
function referencedImages() {
  const refs = new Set();
  for (const file of fs.readdirSync(docsDir).filter(f => f.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(docsDir, file), 'utf8');
    for (const m of text.matchAll(/!\[[^\]]*\]\(images\/([^)\s]+)\)/g))
      refs.add(m[1]);
  }
  return [...refs].sort();
}

/** The newest `NN-<step>.png` of a suite, or undefined. */
function screenshotOf(suite, step) {
  const dir = path.join(root, 'artifacts', 'screenshots', suite);
  if (!fs.existsSync(dir)) return undefined;
  const matches = fs
    .readdirSync(dir)
    .filter(f => /^\d+-/.test(f) && f.replace(/^\d+-/, '') === `${step}.png`)
    .sort();
  return matches.length
    ? path.join(dir, matches[matches.length - 1])
    : undefined;
}

const problems = [];
let copied = 0;
fs.mkdirSync(imagesDir, { recursive: true });
for (const image of referencedImages()) {
  const suite = Object.keys(SUITES).find(s => image.startsWith(`${s}-`));
  if (!suite || !image.endsWith('.png')) {
    problems.push(
      `docs reference images/${image}, which is not a test screenshot: name it <suite>-<step>.png (suites: ${Object.keys(
        SUITES,
      ).join(', ')})`,
    );
    continue;
  }
  const step = image.slice(suite.length + 1, -'.png'.length);
  const source = screenshotOf(suite, step);
  if (!source) {
    problems.push(
      `images/${image}: no artifacts/screenshots/${suite}/NN-${step}.png; run ${SUITES[suite]} first (it must call shoot(page, '${step}'))`,
    );
    continue;
  }
  fs.copyFileSync(source, path.join(imagesDir, image));
  copied += 1;
  console.log(`${path.relative(root, source)} -> docs/images/${image}`);
}
for (const stale of fs.readdirSync(imagesDir)) {
  if (!referencedImages().includes(stale)) {
    problems.push(
      `docs/images/${stale} is referenced by no page in docs/; delete it`,
    );
  }
}
console.log(`${copied} screenshot(s) copied into docs/images/`);
if (problems.length) {
  console.error(problems.map(p => `error: ${p}`).join('\n'));
  process.exit(1);
}
