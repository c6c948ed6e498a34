/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { checkMkdocsConfig, DEFAULT_ALLOWED_PLUGINS } from './guard';

const policy = { allowedPlugins: DEFAULT_ALLOWED_PLUGINS };
const docs = { 'docs/index.md': '# Hello\n' };

describe('checkMkdocsConfig', () => {
  const mockDir = createMockDirectory();
  const repo = () => mockDir.resolve('repo');

  beforeEach(() => mockDir.clear());

  async function check(
    files: Record<string, string>,
    p = policy,
  ): Promise<Error | undefined> {
    mockDir.setContent({ repo: { ...docs, ...files } });
    try {
      await checkMkdocsConfig(repo(), p);
      return undefined;
    } catch (e) {
      return e as Error;
    }
  }

  it('accepts a plain material + search configuration', async () => {
    const err = await check({
      'mkdocs.yml': [
        'site_name: Payments API',
        'docs_dir: docs',
        'theme: {name: material, language: ko}',
        'plugins: [search]',
        'markdown_extensions: [admonition, {toc: {permalink: true}}]',
      ].join('\n'),
    });
    expect(err).toBeUndefined();
  });

  it('accepts mkdocs.yaml and a docs_dir in a subfolder', async () => {
    const err = await check({
      'mkdocs.yaml': 'site_name: x\ndocs_dir: ./site/docs\n',
      'site/docs/index.md': '# x\n',
    });
    expect(err).toBeUndefined();
  });

  it('refuses a repository without mkdocs.yml, and does not create one', async () => {
    const err = await check({});
    expect(err?.name).toBe('InputError');
    expect(err?.message).toBe(
      'no mkdocs.yml at the repository root; add one or remove the backstage.io/techdocs-ref annotation',
    );
    expect(fs.existsSync(path.join(repo(), 'mkdocs.yml'))).toBe(false);
  });

  it('refuses a mkdocs.yml directory instead of a file', async () => {
    mockDir.setContent({ repo: { 'mkdocs.yml': {}, ...docs } });
    await expect(checkMkdocsConfig(repo(), policy)).rejects.toThrow(
      /no mkdocs.yml at the repository root/,
    );
  });

  it.each([
    ['an absolute path', '/etc'],
    ['a parent directory', '../secrets'],
    ['a path that climbs out', 'docs/../../other'],
  ])('refuses docs_dir as %s', async (_what, docsDir) => {
    const err = await check({
      'mkdocs.yml': `site_name: x\ndocs_dir: ${docsDir}\n`,
    });
    expect(err?.name).toBe('NotAllowedError');
    expect(err?.message).toBe(
      `TechDocs refused to build: docs_dir '${docsDir}' in mkdocs.yml points outside the repository; use a relative path inside it, such as 'docs'`,
    );
  });

  it('refuses hooks', async () => {
    const err = await check({
      'mkdocs.yml': 'site_name: x\nhooks:\n  - hooks/steal.py\n',
      'hooks/steal.py': 'import os\n',
    });
    expect(err?.name).toBe('NotAllowedError');
    expect(err?.message).toContain(
      'mkdocs.yml declares hooks (hooks/steal.py); hooks run arbitrary Python on the build server and are not allowed, remove the hooks: key',
    );
  });

  it('refuses plugins outside the default allow list, in every form mkdocs accepts', async () => {
    const err = await check({
      'mkdocs.yml': [
        'site_name: x',
        'plugins:',
        '  - search',
        '  - techdocs-core',
        '  - macros',
        '  - mkdocstrings: {handlers: {python: {}}}',
      ].join('\n'),
    });
    expect(err?.message).toBe(
      "TechDocs refused to build: mkdocs.yml uses the MkDocs plugins 'macros', 'mkdocstrings', not allowed here (allowed: search, techdocs-core; platform admins set techdocs.guard.allowedPlugins)",
    );

    const asMapping = await check({
      'mkdocs.yml': 'site_name: x\nplugins:\n  search: {}\n  exec: {}\n',
    });
    expect(asMapping?.message).toContain("plugin 'exec', not allowed here");

    const inGroup = await check({
      'mkdocs.yml':
        'site_name: x\nplugins:\n  - group:\n      plugins: [search, macros]\n',
    });
    expect(inGroup?.message).toContain("'group', 'macros'");
  });

  it('uses the configured allow list instead of the default', async () => {
    const files = {
      'mkdocs.yml': 'site_name: x\nplugins: [search, redirects]\n',
    };
    expect(await check(files)).toBeDefined();
    expect(
      await check(files, { allowedPlugins: ['search', 'redirects'] }),
    ).toBeUndefined();
    const none = await check(
      { 'mkdocs.yml': 'site_name: x\nplugins: [search]\n' },
      {
        allowedPlugins: [],
      },
    );
    expect(none?.message).toContain('(allowed: none;');
  });

  it('refuses !!python/ tags in any form and names the line', async () => {
    const err = await check({
      'mkdocs.yml': [
        'site_name: x',
        'markdown_extensions:',
        '  - pymdownx.emoji:',
        '      emoji_index: !!python/name:materialx.emoji.twemoji',
        '  - toc:',
        '      slugify: !<tag:yaml.org,2002:python/object/apply:os.system> [id]',
      ].join('\n'),
    });
    expect(err?.name).toBe('NotAllowedError');
    expect(err?.message).toContain('2 problems');
    expect(err?.message).toContain(
      '(1) mkdocs.yml line 4 uses the YAML tag !!python/name:materialx.emoji.twemoji; Python tags run code on the build server and are not allowed',
    );
    expect(err?.message).toContain(
      '(2) mkdocs.yml line 6 uses the YAML tag !!python/object/apply:os.system;',
    );
  });

  it('refuses !ENV, which would copy server secrets into the site', async () => {
    const err = await check({
      'mkdocs.yml': 'site_name: !ENV [AUTH_GITHUB_CLIENT_SECRET, docs]\n',
    });
    expect(err?.message).toContain(
      "mkdocs.yml line 1 uses the YAML tag !ENV; it would copy the build server's environment variables into the docs",
    );
  });

  it('refuses INHERIT from outside the repository', async () => {
    for (const target of ['../base.yml', '/etc/mkdocs.yml']) {
      const err = await check({
        'mkdocs.yml': `site_name: x\nINHERIT: ${target}\n`,
      });
      expect(err?.message).toBe(
        `TechDocs refused to build: INHERIT '${target}' in mkdocs.yml points outside the repository; inherit only from a file inside it`,
      );
    }
  });

  it('follows INHERIT inside the repository and checks the parent too', async () => {
    expect(
      await check({
        'mkdocs.yml': 'site_name: x\nINHERIT: config/base.yml\n',
        'config/base.yml': 'theme: {name: material}\nplugins: [search]\n',
      }),
    ).toBeUndefined();

    const err = await check({
      'mkdocs.yml': 'site_name: x\nINHERIT: config/base.yml\n',
      'config/base.yml': 'hooks: [evil.py]\n',
    });
    expect(err?.message).toContain('config/base.yml declares hooks (evil.py)');

    const missing = await check({
      'mkdocs.yml': 'site_name: x\nINHERIT: config/nope.yml\n',
    });
    expect(missing?.message).toContain(
      "INHERIT 'config/nope.yml' in mkdocs.yml names a file that does not exist",
    );

    const loop = await check({
      'mkdocs.yml': 'site_name: x\nINHERIT: a.yml\n',
      'a.yml': 'INHERIT: mkdocs.yml\n',
    });
    expect(loop?.message).toContain('INHERITs from itself');
  });

  it('refuses an mkdocs.yml that is a symlink to a file outside the repository', async () => {
    mockDir.setContent({
      repo: docs,
      'outside.yml': 'site_name: x\n',
    });
    fs.symlinkSync(
      mockDir.resolve('outside.yml'),
      path.join(repo(), 'mkdocs.yml'),
    );
    await expect(checkMkdocsConfig(repo(), policy)).rejects.toThrow(
      'mkdocs.yml is a symbolic link to a file outside the repository',
    );
  });

  it('reports invalid YAML with its line', async () => {
    const err = await check({ 'mkdocs.yml': 'site_name: x\nnav: [a\n' });
    expect(err?.name).toBe('InputError');
    expect(err?.message).toMatch(
      /^mkdocs.yml is not valid YAML \(line \d+\): /,
    );
  });

  it('lists every problem at once', async () => {
    const err = await check({
      'mkdocs.yml':
        'site_name: x\ndocs_dir: /srv\nhooks: [h.py]\nplugins: [macros]\n',
    });
    // One line (the Docs tab shows it JSON-quoted), every problem numbered.
    expect(err?.message).not.toContain('\n');
    expect(err?.message).toMatch(
      /^TechDocs refused to build, 3 problems: \(1\) mkdocs.yml declares hooks .*; \(2\) docs_dir '\/srv' .*; \(3\) mkdocs.yml uses the MkDocs plugin 'macros'/,
    );
  });
});
