/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Config, ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { GuardedTechdocsGenerator } from '@internal/plugin-techdocs-backend-module-guard';
import { repoRoot } from '@internal/test-support';

// Generates the portal's own TechDocs (mkdocs.yml + docs/ at the repository
// root) with the generator the backend uses locally: techdocs-node's
// TechdocsGenerator behind the guard module, configured from the techdocs
// block of app-config.yaml (builder local, runIn local, no techdocs-core).
// Needs Debian's mkdocs, mkdocs-material and python3-pymdownx; fails if they
// are missing. Offline.

jest.setTimeout(60_000);

/** The chapter's outline: source page, generated page, its <h1>. */
const OUTLINE: Array<[string, string, string]> = [
  [
    'index.md',
    'index.html',
    'Launchpad 개발자 포털: Amazon EKS를 위한 Backstage',
  ],
  ['prerequisites.md', 'prerequisites/index.html', '사전 조건'],
  ['what-is-backstage.md', 'what-is-backstage/index.html', 'Backstage 란?'],
  ['install.md', 'install/index.html', '설치'],
  ['auth-github.md', 'auth-github/index.html', '인증과 GitHub 연동'],
  ['software-catalog.md', 'software-catalog/index.html', 'Software Catalog'],
  ['techdocs.md', 'techdocs/index.html', 'TechDocs'],
  ['software-template.md', 'software-template/index.html', 'Software Template'],
  ['deploy-eks.md', 'deploy-eks/index.html', 'Kubernetes에 Backstage 배포'],
  ['english.md', 'english/index.html', 'English summary'],
];

function text(html: string): string {
  return html
    .replace(/<a class="headerlink"[^>]*>.*?<\/a>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

describe("the portal's TechDocs", () => {
  let work: string;
  let site: string;
  let buildLog = '';
  let techdocsConfig: Config;

  beforeAll(async () => {
    // The generator patches mkdocs.yml in place; build from a copy so the
    // repository's file is never touched.
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-techdocs-'));
    const input = path.join(work, 'repo');
    site = path.join(work, 'site');
    fs.mkdirSync(site);
    fs.mkdirSync(input);
    fs.copyFileSync(
      path.join(repoRoot, 'mkdocs.yml'),
      path.join(input, 'mkdocs.yml'),
    );
    fs.cpSync(path.join(repoRoot, 'docs'), path.join(input, 'docs'), {
      recursive: true,
    });

    const { appConfigs } = await loadConfig({
      configRoot: repoRoot,
      configTargets: [{ path: path.join(repoRoot, 'app-config.yaml') }],
      experimentalEnvFunc: async () => undefined,
    });
    const config = ConfigReader.fromConfigs(appConfigs);
    techdocsConfig = config.getConfig('techdocs');
    const lines: string[] = [];
    const logger = {
      error: (m: string) => lines.push(`error ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      info: () => {},
      debug: () => {},
      child: () => logger,
    };
    const logStream = new PassThrough();
    logStream.on('data', d => lines.push(d.toString()));
    const generator = GuardedTechdocsGenerator.fromConfig(
      new ConfigReader({ techdocs: techdocsConfig.get() }),
      { logger: logger as any },
    );
    await generator.run({
      inputDir: input,
      outputDir: site,
      logger: logger as any,
      logStream,
      siteOptions: { name: 'Launchpad developer portal' },
    });
    // Let the log stream deliver what mkdocs wrote last.
    await new Promise(resolve => setImmediate(resolve));
    buildLog = lines.join('\n');
  });

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("uses the backend's local generator settings from app-config.yaml", () => {
    expect(techdocsConfig.getString('builder')).toBe('local');
    expect(techdocsConfig.getString('generator.runIn')).toBe('local');
    expect(
      techdocsConfig.getBoolean('generator.mkdocs.omitTechdocsCorePlugin'),
    ).toBe(true);
  });

  it('builds without mkdocs warnings and without the generator rewriting mkdocs.yml', () => {
    // mkdocs reports missing pages, images and nav entries as WARNING lines.
    const warnings = buildLog.split('\n').filter(l => /WARNING|^warn /.test(l));
    expect(warnings).toEqual([]);
    expect(fs.existsSync(path.join(site, 'techdocs_metadata.json'))).toBe(true);
    // Nothing the stock generator would patch (plugins, unknown keys).
    expect(fs.readFileSync(path.join(work, 'repo', 'mkdocs.yml'), 'utf8')).toBe(
      fs.readFileSync(path.join(repoRoot, 'mkdocs.yml'), 'utf8'),
    );
  });

  it.each(OUTLINE)(
    'has the outline page %s with its Korean heading',
    (source, generated, heading) => {
      expect(fs.existsSync(path.join(repoRoot, 'docs', source))).toBe(true);
      const html = fs.readFileSync(path.join(site, generated), 'utf8');
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
      expect(h1 && text(h1[1])).toBe(heading);
    },
  );

  it('lists the learning goals on the front page and every page in the navigation', () => {
    const index = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    expect(index).toMatch(/<h2 id="[^"]*">학습 목표/);
    for (const [, generated] of OUTLINE.slice(1)) {
      const href = generated.replace(/index\.html$/, '');
      expect(index).toContain(`href="${href}"`);
    }
  });

  it('has no broken internal links or images', () => {
    const broken: string[] = [];
    const htmlFiles = walk(site).filter(f => f.endsWith('.html'));
    expect(htmlFiles.length).toBeGreaterThanOrEqual(OUTLINE.length);
    for (const file of htmlFiles) {
      const html = fs.readFileSync(file, 'utf8');
      for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const ref = m[1].replace(/&amp;/g, '&');
        if (
          !ref ||
          ref.startsWith('#') ||
          /^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref)
        ) {
          continue; // same-page anchor or external URL
        }
        const target = decodeURIComponent(ref.split(/[?#]/)[0]);
        if (!target) continue;
        // mkdocs writes 404.html with site-root paths ("/assets/...").
        let resolved = target.startsWith('/')
          ? path.join(site, target)
          : path.resolve(path.dirname(file), target);
        if (
          target.endsWith('/') ||
          (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory())
        ) {
          resolved = path.join(resolved, 'index.html');
        }
        if (!resolved.startsWith(site + path.sep) || !fs.existsSync(resolved)) {
          broken.push(`${path.relative(site, file)} -> ${ref}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('loads no stylesheet, font or script from the internet', () => {
    // The TechDocs reader keeps a page hidden until its stylesheets have
    // loaded; offline, a Google Fonts link leaves the Docs tab blank.
    const external: string[] = [];
    for (const file of walk(site).filter(f => f.endsWith('.html'))) {
      const html = fs.readFileSync(file, 'utf8');
      for (const m of html.matchAll(
        /<(?:link|script)\b[^>]*\s(?:href|src)="((?:https?:)?\/\/[^"]*)"/g,
      )) {
        external.push(`${path.relative(site, file)} -> ${m[1]}`);
      }
    }
    expect(external).toEqual([]);
  });

  it('keeps screenshots small (under 200 KB each)', () => {
    const images = path.join(repoRoot, 'docs', 'images');
    const tooBig = (fs.existsSync(images) ? walk(images) : [])
      .map(f => ({
        f: path.relative(repoRoot, f),
        kb: fs.statSync(f).size / 1024,
      }))
      .filter(({ kb }) => kb >= 200);
    expect(tooBig).toEqual([]);
  });

  it('has a search index with the Korean text of the chapter', () => {
    const index = JSON.parse(
      fs.readFileSync(path.join(site, 'search', 'search_index.json'), 'utf8'),
    ) as { docs: Array<{ location: string; title: string; text: string }> };
    const goals = index.docs.find(d => d.title === '학습 목표');
    // A section of the front page (an anchor, no page path).
    expect(goals?.location).toMatch(/^#/);
    expect(goals?.text).toContain('이 챕터를 마치면');
    const prereq = index.docs.filter(d =>
      d.location.startsWith('prerequisites/'),
    );
    expect(prereq.map(d => d.text).join(' ')).toContain('better-sqlite3');
    expect(index.docs.some(d => d.text.includes('조직 구성원만 로그인'))).toBe(
      true,
    );
  });
});
