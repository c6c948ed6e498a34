/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import path from 'node:path';
import { checkMkdocsConfig } from './guard';
import {
  defaultPolicy as policy,
  guardedRepository,
} from './__testUtils__/guardedRepository';

describe('checkMkdocsConfig', () => {
  const { mockDir, repo, check } = guardedRepository();

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
    mockDir.setContent({
      repo: { 'mkdocs.yml': {}, 'docs/index.md': '# Hello\n' },
    });
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
        '  - mkdocstrings: {handlers: {python: {}}}',
        '  - redirects',
      ].join('\n'),
    });
    expect(err?.message).toBe(
      "TechDocs refused to build: mkdocs.yml uses the MkDocs plugins 'mkdocstrings', 'redirects', not allowed here (allowed: search; platform admins set techdocs.guard.allowedPlugins)",
    );

    const asMapping = await check({
      'mkdocs.yml': 'site_name: x\nplugins:\n  search: {}\n  exec: {}\n',
    });
    expect(asMapping?.message).toContain("plugin 'exec', not allowed here");

    const inGroup = await check({
      'mkdocs.yml':
        'site_name: x\nplugins:\n  - group:\n      plugins: [search, mkdocstrings]\n',
    });
    expect(inGroup?.message).toContain("'group', 'mkdocstrings'");
  });

  it.each([
    [
      'techdocs-core',
      'turns on pymdownx.snippets (copies any file the build server can read into a page; Debian has no pymdownx with restrict_base_path), the monorepo plugin and plantuml_markdown',
    ],
    [
      'monorepo',
      'includes the docs and mkdocs.yml of any folder named by an !include path',
    ],
    [
      'include-markdown',
      'copies any file the build server can read into the page, by absolute or ../ path',
    ],
    [
      'macros',
      'runs Python modules from the repository and its Jinja include reads files on the build server',
    ],
  ])(
    'refuses the plugin %s, which reads files from anywhere, even when the allow list names it',
    async (name, what) => {
      const message = `TechDocs refused to build: mkdocs.yml uses the MkDocs plugin '${name}', which ${what}; it is not allowed, remove it and put the content into the docs folder instead`;
      const listed = await check({
        'mkdocs.yml': `site_name: x\nplugins:\n  - search\n  - ${name}\n`,
      });
      expect(listed?.name).toBe('NotAllowedError');
      expect(listed?.message).toBe(message);
      const allowed = await check(
        { 'mkdocs.yml': `site_name: x\nplugins:\n  ${name}: {}\n` },
        { ...policy, allowedPlugins: ['search', name] },
      );
      expect(allowed?.message).toBe(message);
    },
  );

  it('uses the configured allow list instead of the default', async () => {
    const files = {
      'mkdocs.yml': 'site_name: x\nplugins: [search, redirects]\n',
    };
    expect(await check(files)).toBeDefined();
    expect(
      await check(files, {
        ...policy,
        allowedPlugins: ['search', 'redirects'],
      }),
    ).toBeUndefined();
    const none = await check(
      { 'mkdocs.yml': 'site_name: x\nplugins: [search]\n' },
      {
        ...policy,
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
      repo: { 'docs/index.md': '# Hello\n' },
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

  it('refuses theme.custom_dir and extra_templates: Jinja templates run code on the build server', async () => {
    const err = await check({
      'mkdocs.yml':
        'site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\nextra_templates: [env.html, more.html]\n',
      'overrides/main.html': '{{ config }}\n',
    });
    expect(err?.message).toBe(
      "TechDocs refused to build, 2 problems: (1) mkdocs.yml sets theme.custom_dir ('overrides'); theme templates are Jinja code that runs on the build server and are not allowed, remove custom_dir and use the theme's options (name, language, palette, features, font, logo, favicon, icon); (2) mkdocs.yml lists extra_templates (env.html, more.html); they are Jinja code that runs on the build server and are not allowed, remove the extra_templates: key",
    );
    // A theme given by name only, or with options, is fine.
    expect(
      await check({ 'mkdocs.yml': 'site_name: x\ntheme: material\n' }),
    ).toBeUndefined();
  });

  it('refuses every tag that is not plain data, also when a %TAG directive hides it', async () => {
    const err = await check({
      'mkdocs.yml': [
        '%TAG !py! tag:yaml.org,2002:python/',
        '---',
        'site_name: x',
        'extra:',
        '  a: !relative $config_dir',
        '  b: !py!object/apply:os.system [id]',
        '  c: !custom value',
        '  ? !!python/name:os.system',
        '  : key',
      ].join('\n'),
    });
    expect(err?.message).toContain('4 problems');
    expect(err?.message).toContain(
      '(1) mkdocs.yml line 5 uses the YAML tag !relative; only plain YAML data is allowed (tags such as !ENV, !relative and !!python/... are not), write the value itself',
    );
    expect(err?.message).toContain(
      '(2) mkdocs.yml line 6 uses the YAML tag !!python/object/apply:os.system; Python tags run code',
    );
    expect(err?.message).toContain(
      '(3) mkdocs.yml line 7 uses the YAML tag !custom; only plain YAML data',
    );
    expect(err?.message).toContain(
      '(4) mkdocs.yml line 8 uses the YAML tag !!python/name:os.system;',
    );

    // The standard tags only build data.
    expect(
      await check({
        'mkdocs.yml':
          'site_name: !!str x\nextra:\n  n: !!int "3"\n  b: !!binary aGk=\n  s: !!set {a, b}\n',
      }),
    ).toBeUndefined();
  });

  it('reads mkdocs.yml as mkdocs does: merge keys apply, duplicate keys are refused', async () => {
    // PyYAML merges <<: into the mapping, so mkdocs sees hooks: at the top.
    const merged = await check({
      'mkdocs.yml':
        'site_name: x\nbase: &base\n  hooks: [steal.py]\n  docs_dir: /etc\n<<: *base\n',
    });
    expect(merged?.message).toContain(
      'mkdocs.yml declares hooks (steal.py); hooks run arbitrary Python',
    );
    expect(merged?.message).toContain(
      "docs_dir '/etc' in mkdocs.yml points outside the repository",
    );

    // PyYAML keeps the last of two equal keys; the guard does not guess.
    const duplicate = await check({
      'mkdocs.yml': 'site_name: x\nplugins: [search]\nplugins: [macros]\n',
    });
    expect(duplicate?.name).toBe('InputError');
    expect(duplicate?.message).toBe(
      'mkdocs.yml is not valid YAML (line 3): Map keys must be unique',
    );
  });

  it('refuses a list or mapping as a key, which YAML parsers read differently', async () => {
    // js-yaml, whose reading the stock generator writes back for mkdocs,
    // turns `? [markdown_extensions]` into `markdown_extensions`; the guard
    // checks that reading as well.
    const err = await check({
      'mkdocs.yml':
        'site_name: x\n? [markdown_extensions]\n: [pymdownx.snippets]\n? {hooks: 1}\n: [h.py]\n',
    });
    expect(err?.name).toBe('NotAllowedError');
    expect(err?.message).toMatch(/^TechDocs refused to build, 3 problems: /);
    expect(err?.message).toContain(
      '(1) mkdocs.yml line 2 uses a list or mapping as a key; YAML parsers read such keys differently, write the key as plain text; (2) mkdocs.yml line 4 uses a list or mapping as a key',
    );
    expect(err?.message).toContain(
      "(3) mkdocs.yml uses the Markdown extension 'pymdownx.snippets', which copies any file",
    );
  });
});
