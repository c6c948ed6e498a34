/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import path from 'node:path';
import {
  defaultPolicy,
  guardedRepository,
} from './__testUtils__/guardedRepository';
import { DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS } from './markdownExtensions';

describe('markdown_extensions in mkdocs.yml', () => {
  const { check } = guardedRepository();
  const policy = defaultPolicy;

  const snippetsMessage =
    "mkdocs.yml uses the Markdown extension 'pymdownx.snippets', which copies any file the build server can read into the page, by absolute or ../ path, e.g. /proc/self/environ with the server secrets, whatever its options (base_path and check_paths do not confine it, restrict_base_path does not exist in the build server pymdownx 9.5, url_download would also fetch any URL the server can reach); it is not allowed, put the text or image into the docs folder instead";

  it("accepts the portal's own mkdocs.yml and Python-Markdown's long names", async () => {
    expect(
      await check({
        'mkdocs.yml': fs.readFileSync(
          path.resolve(__dirname, '../../../mkdocs.yml'),
          'utf8',
        ),
      }),
    ).toBeUndefined();
    expect(
      await check({
        'mkdocs.yml':
          'site_name: x\nmarkdown_extensions:\n  markdown.extensions.toc: {permalink: true}\n  pymdownx.details: {}\n',
      }),
    ).toBeUndefined();
  });

  it.each([
    ['a list entry', 'markdown_extensions: [pymdownx.snippets]'],
    [
      'a list entry with options inside the repository',
      'markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n      restrict_base_path: true\n      check_paths: true',
    ],
    [
      'the mapping form',
      'markdown_extensions:\n  pymdownx.snippets:\n    auto_append: [/proc/self/environ]',
    ],
  ])('refuses pymdownx.snippets as %s', async (_what, yml) => {
    const err = await check({ 'mkdocs.yml': `site_name: x\n${yml}\n` });
    expect(err?.name).toBe('NotAllowedError');
    expect(err?.message).toBe(`TechDocs refused to build: ${snippetsMessage}`);
  });

  it.each([
    [
      'pymdownx.snippets:SnippetExtension',
      'copies any file the build server can read into the page, by absolute or ../ path, e.g. /proc/self/environ with the server secrets, whatever its options (base_path and check_paths do not confine it, restrict_base_path does not exist in the build server pymdownx 9.5, url_download would also fetch any URL the server can reach)',
    ],
    [
      'pymdownx.b64',
      'embeds any image file the build server can read into the page, by absolute path',
    ],
    [
      'markdown_include.include',
      'copies any file the build server can read into the page',
    ],
    [
      'mdx_include',
      'copies any file the build server can read, or a URL, into the page',
    ],
  ])('refuses %s even when the allow list names it', async (name, what) => {
    const err = await check(
      { 'mkdocs.yml': `site_name: x\nmarkdown_extensions: [${name}]\n` },
      { ...policy, allowedMarkdownExtensions: [name] },
    );
    expect(err?.message).toBe(
      `TechDocs refused to build: mkdocs.yml uses the Markdown extension '${name}', which ${what}; it is not allowed, put the text or image into the docs folder instead`,
    );
  });

  it('refuses extensions outside the allow list, naming what is allowed', async () => {
    const err = await check({
      'mkdocs.yml':
        'site_name: x\nmarkdown_extensions:\n  - toc\n  - does_not_exist\n  - os\n  - toc:TocExtension\n',
    });
    expect(err?.message).toBe(
      `TechDocs refused to build: mkdocs.yml uses the Markdown extensions 'does_not_exist', 'os', 'toc:TocExtension', not allowed here (allowed: ${DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS.join(
        ', ',
      )}; platform admins set techdocs.guard.allowedMarkdownExtensions)`,
    );
  });

  it('uses the configured allow list instead of the default', async () => {
    const files = {
      'mkdocs.yml': 'site_name: x\nmarkdown_extensions: [toc, smarty]\n',
    };
    expect((await check(files))?.message).toContain(
      "extension 'smarty', not allowed here",
    );
    expect(
      await check(files, {
        ...policy,
        allowedMarkdownExtensions: ['toc', 'smarty'],
      }),
    ).toBeUndefined();
    const none = await check(files, {
      ...policy,
      allowedMarkdownExtensions: [],
    });
    expect(none?.message).toContain(
      "extensions 'toc', 'smarty', not allowed here (allowed: none;",
    );
  });
});
