/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@internal/test-support';

// Every repository file or folder the docs name (in `code` or as a relative
// Markdown link) exists: a page that points at a moved or deleted file sends
// its reader nowhere. Paths that name a generated service's files are looked
// up in the FastAPI template's skeleton; build output (dist/) is left out.

const PAGES = [
  ...new Set([
    'README.md',
    'deploy/README.md',
    'packages/backend/README.md',
    ...fs
      .readdirSync(path.join(repoRoot, 'docs'))
      .filter(f => f.endsWith('.md'))
      .map(f => `docs/${f}`),
    ...['plugins', 'stand-ins', 'templates', 'packages'].flatMap(dir =>
      fs
        .readdirSync(path.join(repoRoot, dir))
        .map(p => `${dir}/${p}/README.md`)
        .filter(f => fs.existsSync(path.join(repoRoot, f))),
    ),
  ]),
];
const ROOTS =
  /^(?:\.ci|\.github|config|deploy|docs|examples|packages|plugins|scripts|stand-ins|templates)\//;
const SKELETON = 'templates/fastapi-service/skeleton';

/** Repository paths a Markdown page names, with the folder links resolve from. */
function references(
  page: string,
  markdown = fs.readFileSync(path.join(repoRoot, page), 'utf8'),
): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  const code = [...text.matchAll(/`([^`\s]+)`/g)]
    .map(m => m[1].replace(/[.,:;)]+$/, ''))
    .filter(p => ROOTS.test(p) && !/[*<>{}$]/.test(p) && !/\/dist\//.test(p));
  const links = [
    ...text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g),
  ]
    .map(m => m[1])
    .filter(p => !/^[a-z][a-z0-9+.-]*:/i.test(p))
    .map(p =>
      path.posix.normalize(path.posix.join(path.posix.dirname(page), p)),
    );
  return [...new Set([...code, ...links])];
}

function exists(ref: string): boolean {
  const clean = ref.replace(/\/$/, '');
  return [clean, `${SKELETON}/${clean}`].some(p =>
    fs.existsSync(path.join(repoRoot, p)),
  );
}

describe('repository paths named in the docs', () => {
  it('finds a named file or link that is not there', () => {
    const refs = references(
      'docs/x.md',
      'See `deploy/overlays/eks/ingress.yaml`, `deploy/gone.yaml` and [this](../deploy/also-gone.md).',
    );
    expect(refs.filter(r => !exists(r))).toEqual([
      'deploy/gone.yaml',
      'deploy/also-gone.md',
    ]);
  });

  it.each(PAGES)('%s names only paths that exist', page => {
    expect(references(page).filter(r => !exists(r))).toEqual([]);
  });
});
