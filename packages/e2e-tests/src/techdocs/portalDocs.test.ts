/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { Config, ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { GuardedTechdocsGenerator } from '@internal/plugin-techdocs-backend-module-guard';
import { repoRoot } from '@internal/test-support';
import {
  buildPortalDocs,
  heading,
  OUTLINE,
  PortalDocsBuild,
  silentLogger,
  walk,
  warnings,
} from './portalDocs';

// Generates the portal's own TechDocs (mkdocs.yml + docs/ at the repository
// root) with the generator the backend uses locally: techdocs-node's
// TechdocsGenerator behind the guard module, configured from the techdocs
// block of app-config.yaml (builder local, runIn local, no techdocs-core),
// with Debian bookworm's MkDocs 1.4 and mkdocs-material 8.2.5. Fails if they
// are missing. Offline. portalDocsProduction.test.ts builds the same files
// with the production toolchain (MkDocs 1.6, mkdocs-material 9).

jest.setTimeout(60_000);

describe("the portal's TechDocs", () => {
  let build: PortalDocsBuild;
  let site: string;
  let techdocsConfig: Config;
  const generator = () =>
    GuardedTechdocsGenerator.fromConfig(
      new ConfigReader({ techdocs: techdocsConfig.get() }),
      { logger: silentLogger },
    );

  beforeAll(async () => {
    const { appConfigs } = await loadConfig({
      configRoot: repoRoot,
      configTargets: [{ path: path.join(repoRoot, 'app-config.yaml') }],
      experimentalEnvFunc: async () => undefined,
    });
    techdocsConfig = ConfigReader.fromConfigs(appConfigs).getConfig('techdocs');
    build = await buildPortalDocs({ generator: generator() });
    site = build.site;
    if (build.error) {
      throw new Error(`The docs did not build: ${build.error}\n${build.log}`);
    }
  });

  afterAll(() => {
    if (build) fs.rmSync(build.work, { recursive: true, force: true });
  });

  it("uses the backend's local generator settings from app-config.yaml", () => {
    expect(techdocsConfig.getString('builder')).toBe('local');
    expect(techdocsConfig.getString('generator.runIn')).toBe('local');
    expect(
      techdocsConfig.getBoolean('generator.mkdocs.omitTechdocsCorePlugin'),
    ).toBe(true);
  });

  it('builds without mkdocs warnings and without the generator rewriting mkdocs.yml', () => {
    expect(warnings(build.log)).toEqual([]);
    expect(fs.existsSync(path.join(site, 'techdocs_metadata.json'))).toBe(true);
    // Nothing the stock generator would patch (plugins, unknown keys), and
    // not even its formatting: the local builder writes the file back in
    // place (`dir:.`), so any difference, a comment included, would change the
    // repository's mkdocs.yml whenever someone opens the Docs tab. Why there
    // is no theme.language: docs/techdocs.md and the test below.
    expect(fs.readFileSync(build.mkdocsYml, 'utf8')).toBe(
      fs.readFileSync(path.join(repoRoot, 'mkdocs.yml'), 'utf8'),
    );
  });

  it("builds with Debian's mkdocs-material 8.2.5, which would refuse the production code for Korean", async () => {
    expect(fs.readFileSync(path.join(site, 'index.html'), 'utf8')).toContain(
      'mkdocs-material-8.2.5',
    );
    // 9.x (production) knows Korean as `ko`, 8.2.5 only as `kr`: mkdocs.yml
    // sets neither (portalDocsProduction.test.ts shows `kr` failing there).
    const ko = await buildPortalDocs({
      generator: generator(),
      editMkdocsYml: yml =>
        yml.replace(/^theme:\n/m, 'theme:\n  language: ko\n'),
    });
    fs.rmSync(ko.work, { recursive: true, force: true });
    expect(ko.error).toBeDefined();
    expect(ko.log).toContain('TemplateNotFound: partials/languages/ko.html');
  });

  it.each(OUTLINE)(
    'has the outline page %s with its Korean heading',
    (source, generated, title) => {
      expect(fs.existsSync(path.join(repoRoot, 'docs', source))).toBe(true);
      expect(heading(site, generated)).toBe(title);
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

  it('has no broken internal links, anchors or images', () => {
    const broken: string[] = [];
    const htmlFiles = walk(site).filter(f => f.endsWith('.html'));
    expect(htmlFiles.length).toBeGreaterThanOrEqual(OUTLINE.length);
    for (const file of htmlFiles) {
      const html = fs.readFileSync(file, 'utf8');
      for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const ref = m[1].replace(/&amp;/g, '&');
        // A same-page anchor needs its id on this page.
        if (ref.length > 1 && ref.startsWith('#')) {
          const id = decodeURIComponent(ref.slice(1));
          if (
            !html.includes(`id="${id}"`) &&
            !html.includes(`id="${ref.slice(1)}"`)
          ) {
            broken.push(
              `${path.relative(site, file)} -> ${ref} (no such section)`,
            );
          }
          continue;
        }
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
          continue;
        }
        // A link to a section of another page needs that section's id.
        const fragment = ref.split('#')[1];
        if (
          fragment &&
          resolved.endsWith('.html') &&
          !fs.readFileSync(resolved, 'utf8').includes(`id="${fragment}"`)
        ) {
          broken.push(
            `${path.relative(site, file)} -> ${ref} (no such section)`,
          );
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
