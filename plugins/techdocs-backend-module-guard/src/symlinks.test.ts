/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import {
  defaultPolicy,
  guardedRepository,
} from './__testUtils__/guardedRepository';

describe('symbolic links in the repository', () => {
  const { check, mockDir } = guardedRepository();
  const withLinks = (
    links: Record<string, string>,
    files: Record<string, string> = {},
  ) =>
    check({ 'mkdocs.yml': 'site_name: x\n', ...files }, defaultPolicy, links);

  it('refuses a link to a file or folder outside the repository, relative or absolute', async () => {
    const err = await withLinks({
      'docs/env.md': '/proc/self/environ',
      'docs/secret.md': '../../outside/secret.md',
      'docs/etc': '/etc',
    });
    expect(err?.name).toBe('NotAllowedError');
    expect(err?.message).toBe(
      'TechDocs refused to build, 3 problems: (1) docs/env.md is a symbolic link to a file outside the repository (/proc/self/environ); mkdocs would publish what it points to, commit the file itself instead; (2) docs/etc is a symbolic link to a folder outside the repository (/etc); mkdocs would publish what it points to, commit the folder itself instead; (3) docs/secret.md is a symbolic link to a file outside the repository (../../outside/secret.md); mkdocs would publish what it points to, commit the file itself instead',
    );
  });

  it('refuses a dangling link that points outside, a chain of links and a docs_dir that is a link', async () => {
    const err = await withLinks(
      {
        'docs/gone.md': '/nonexistent/secret.md',
        'docs/hop.md': 'hop2.md',
        'docs/hop2.md': '../../outside/secret.md',
        site: mockDir.resolve('outside'),
      },
      { 'mkdocs.yml': 'site_name: x\ndocs_dir: site\n' },
    );
    expect(err?.message).toContain(
      'docs/gone.md is a symbolic link to a file outside the repository (/nonexistent/secret.md)',
    );
    expect(err?.message).toContain(
      'docs/hop.md is a symbolic link to a file outside the repository (hop2.md)',
    );
    expect(err?.message).toContain(
      'docs/hop2.md is a symbolic link to a file outside the repository',
    );
    expect(err?.message).toContain(
      'site is a symbolic link to a folder outside the repository',
    );
    expect(err?.message).toContain(
      "docs_dir 'site' in mkdocs.yml points outside the repository",
    );
  });

  it('accepts links inside the repository and refuses a link loop', async () => {
    expect(
      await withLinks(
        { 'docs/alias.md': 'index.md', 'docs/shared': '../shared' },
        { 'shared/page.md': '# Shared\n' },
      ),
    ).toBeUndefined();
    const loop = await withLinks({ 'docs/loop.md': 'loop.md' });
    expect(loop?.message).toBe(
      'TechDocs refused to build: docs/loop.md is a symbolic link that cannot be followed (ELOOP); remove it',
    );
  });

  it('names five links and counts the rest', async () => {
    const links: Record<string, string> = {};
    for (let i = 1; i <= 7; i++) {
      links[`docs/env${i}.md`] = '/proc/self/environ';
    }
    const err = await withLinks(links);
    expect(err?.message).toMatch(/^TechDocs refused to build, 6 problems: /);
    expect(err?.message).toContain('(5) docs/env5.md is a symbolic link');
    expect(err?.message).toContain(
      '(6) 2 more symbolic links point outside the repository',
    );
  });
});
