/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@internal/test-support';

// The chapter's screenshots are the browser tests' own step screenshots,
// copied by `yarn docs:screenshots` (scripts/docs-screenshots.mjs): every
// image a page shows exists, and every image is a step some test still
// takes, so the pictures cannot drift away from what the tests see.

const SCRIPT = path.join(repoRoot, 'scripts/docs-screenshots.mjs');
const docsDir = path.join(repoRoot, 'docs');
const imagesDir = path.join(docsDir, 'images');

/** The suites the script knows: `'<suite>': '<test file>'`. */
function suites(): Record<string, string> {
  const source = fs.readFileSync(SCRIPT, 'utf8');
  const block = /const SUITES = \{([^}]*)\}/.exec(source)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/'?([\w-]+)'?:\s*'([^']+)'/g)].map(m => [m[1], m[2]]),
  );
}

/** The step names a browser test screenshots: shoot(page, '<step>'). */
function steps(testFile: string): string[] {
  const source = fs.readFileSync(path.join(repoRoot, testFile), 'utf8');
  return [...source.matchAll(/shoot\(\s*page\s*,\s*'([^']+)'\s*\)/g)].map(
    m => m[1],
  );
}

function imageRefs(): Array<{ page: string; image: string }> {
  return fs
    .readdirSync(docsDir)
    .filter(f => f.endsWith('.md'))
    .flatMap(page =>
      [
        ...fs
          .readFileSync(path.join(docsDir, page), 'utf8')
          .matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g),
      ].map(m => ({ page, image: m[1] })),
    );
}

describe("the chapter's screenshots", () => {
  it('knows the suites, and each suite takes named step screenshots', () => {
    const known = suites();
    expect(Object.keys(known)).toEqual(
      expect.arrayContaining(['journey', 'portal-docs']),
    );
    for (const file of Object.values(known)) {
      expect(steps(file).length).toBeGreaterThan(3);
    }
    expect(steps(known.journey)).toEqual(
      expect.arrayContaining(['home', 'create', 'docs', 'search']),
    );
  });

  it('has every image the pages show', () => {
    const refs = imageRefs();
    expect(refs.length).toBeGreaterThan(5);
    for (const { page, image } of refs) {
      expect({ page, image, ok: /^images\/[^/]+$/.test(image) }).toEqual({
        page,
        image,
        ok: true,
      });
      expect({
        page,
        image,
        exists: fs.existsSync(path.join(docsDir, image)),
      }).toEqual({
        page,
        image,
        exists: true,
      });
    }
  });

  it('has only images that are shown and that a browser test still takes', () => {
    const shown = new Set(
      imageRefs().map(r => r.image.replace(/^images\//, '')),
    );
    const known = suites();
    for (const file of fs.readdirSync(imagesDir)) {
      expect({ file, shown: shown.has(file) }).toEqual({ file, shown: true });
      const suite = Object.keys(known).find(s => file.startsWith(`${s}-`));
      const step = suite
        ? file.slice(suite.length + 1).replace(/\.png$/, '')
        : undefined;
      expect({
        file,
        suite,
        takenByTest: !!suite && steps(known[suite]).includes(step!),
      }).toEqual({
        file,
        suite: expect.any(String),
        takenByTest: true,
      });
    }
  });

  it('keeps the images small PNG screenshots', () => {
    for (const file of fs.readdirSync(imagesDir)) {
      const data = fs.readFileSync(path.join(imagesDir, file));
      expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
      const width = data.readUInt32BE(16);
      const height = data.readUInt32BE(20);
      expect({ file, width: width <= 1400, height: height <= 1000 }).toEqual({
        file,
        width: true,
        height: true,
      });
      expect({ file, under200KB: data.length < 200 * 1024 }).toEqual({
        file,
        under200KB: true,
      });
    }
  });
});

describe('yarn docs:screenshots', () => {
  let root: string;
  const png = (text: string) =>
    Buffer.concat([
      Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
      Buffer.from(text),
    ]);
  const run = () =>
    spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-screenshots-'));
    fs.mkdirSync(path.join(root, 'docs/images'), { recursive: true });
    fs.mkdirSync(path.join(root, 'artifacts/screenshots/journey'), {
      recursive: true,
    });
    fs.writeFileSync(
      path.join(root, 'docs/index.md'),
      '# Home\n\n![홈](images/journey-home.png)\n',
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("copies the step's newest screenshot, not the after-step ones", () => {
    const shots = path.join(root, 'artifacts/screenshots/journey');
    fs.writeFileSync(path.join(shots, '01-home.png'), png('old'));
    fs.writeFileSync(path.join(shots, '02-after-step.png'), png('after'));
    fs.writeFileSync(path.join(shots, '03-home.png'), png('new'));
    fs.writeFileSync(path.join(shots, '04-homepage.png'), png('other step'));
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(
      fs.readFileSync(
        path.join(root, 'docs/images/journey-home.png'),
        'latin1',
      ),
    ).toMatch(/new$/);
    expect(fs.readdirSync(path.join(root, 'docs/images'))).toEqual([
      'journey-home.png',
    ]);
  });

  it('fails naming the test to run when a screenshot is missing', () => {
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "images/journey-home.png: no artifacts/screenshots/journey/NN-home.png; run packages/e2e-tests/src/journey/journey.test.ts first (it must call shoot(page, 'home'))",
    );
  });

  it('refuses images that are not test screenshots, and images no page shows', () => {
    fs.writeFileSync(
      path.join(root, 'docs/index.md'),
      '![x](images/drawn-by-hand.png)\n',
    );
    fs.writeFileSync(
      path.join(root, 'docs/images/drawn-by-hand.png'),
      png('x'),
    );
    fs.writeFileSync(path.join(root, 'docs/images/journey-old.png'), png('x'));
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'docs reference images/drawn-by-hand.png, which is not a test screenshot',
    );
    expect(result.stderr).toContain(
      'docs/images/journey-old.png is referenced by no page in docs/; delete it',
    );
  });
});
