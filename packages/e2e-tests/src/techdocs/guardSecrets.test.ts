/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  eventually,
  signInViaGitHub,
  SignedInUser,
} from '@internal/test-support';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import { registerGitHubRepository } from './githubRepository';

// The sandbox builds a component's TechDocs in the backend process
// (`techdocs.builder: local`, app-config.yaml), and mkdocs inherits that
// process's environment, where the portal's secrets live. The backend runs
// here with a canary variable in its environment; repositories on the
// GitHub stand-in then try every way a docs build could copy it into the
// docs. None may reach what is published, what the TechDocs API serves or
// the build log the Docs tab streams. (plugins/techdocs-backend-module-guard
// shows, with the same repositories, that techdocs-node alone publishes it.)
jest.setTimeout(300_000);

const CANARY = `launchpad-canary-${randomBytes(12).toString('hex')}`;
/** PORTAL_API_WRITE_TOKEN of this portal: registering a location is a write. */
const WRITE_TOKEN = randomBytes(24).toString('hex');

const catalogInfo = (name: string) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    'spec:',
    '  type: service',
    '  lifecycle: experimental',
    '  owner: group:default/platform',
    '',
  ].join('\n');

type Case = {
  name: string;
  files: Record<string, string>;
  links?: Record<string, string>;
  /** The Docs tab's error, or undefined when the docs build. */
  error?: RegExp;
};

const snippetsRefused =
  /^TechDocs refused to build: mkdocs\.yml uses the Markdown extension 'pymdownx\.snippets', which copies any file the build server can read into the page/;

const cases: Case[] = [
  {
    name: 'leak-snippets-environ',
    files: {
      'mkdocs.yml': 'site_name: x\nmarkdown_extensions: [pymdownx.snippets]\n',
      'docs/index.md': `# x\n\n--8<-- "/proc/self/environ"\n\n--8<-- "${'../'.repeat(
        20,
      )}proc/self/environ"\n`,
    },
    error: snippetsRefused,
  },
  {
    // The options that look like they would confine it do not on the build
    // server's pymdownx 9.5; url_download would also fetch URLs.
    name: 'leak-snippets-options',
    files: {
      'mkdocs.yml':
        'site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n      check_paths: true\n      url_download: true\n',
      'docs/index.md': `# x\n\n--8<-- "${'../'.repeat(20)}proc/self/environ"\n`,
    },
    error: snippetsRefused,
  },
  {
    name: 'leak-snippets-auto-append',
    files: {
      'mkdocs.yml':
        'site_name: x\nmarkdown_extensions:\n  pymdownx.snippets:\n    auto_append: [/proc/self/environ]\n',
      'docs/index.md': '# x\n',
    },
    error: snippetsRefused,
  },
  {
    // techdocs-node's YAML parser reads the key [markdown_extensions] as
    // markdown_extensions and writes it back for mkdocs.
    name: 'leak-collection-key',
    files: {
      'mkdocs.yml':
        'site_name: x\n? [markdown_extensions]\n: [pymdownx.snippets]\n',
      'docs/index.md': '# x\n\n--8<-- "/proc/self/environ"\n',
    },
    error:
      /^TechDocs refused to build, 2 problems: \(1\) mkdocs\.yml line 2 uses a list or mapping as a key; .*\(2\) mkdocs\.yml uses the Markdown extension 'pymdownx\.snippets'/,
  },
  {
    name: 'leak-env-tag',
    files: {
      'mkdocs.yml': 'site_name: !ENV LAUNCHPAD_TECHDOCS_CANARY\n',
      'docs/index.md': '# x\n',
    },
    error:
      /^TechDocs refused to build: mkdocs\.yml line 1 uses the YAML tag !ENV; /,
  },
  {
    name: 'leak-custom-dir',
    files: {
      'mkdocs.yml':
        'site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n',
      'overrides/main.html':
        '{{ self.__init__.__globals__.__builtins__.__import__("os").environ["LAUNCHPAD_TECHDOCS_CANARY"] }}\n',
      'docs/index.md': '# x\n',
    },
    error: /^TechDocs refused to build: mkdocs\.yml sets theme\.custom_dir/,
  },
  {
    // Backstage's archive reader drops a link out of the repository while
    // unpacking, so the guard never sees it: the page is just missing.
    name: 'leak-symlink',
    files: { 'mkdocs.yml': 'site_name: x\n', 'docs/index.md': '# x\n' },
    links: { 'docs/env.md': '/proc/self/environ' },
  },
  {
    // The control: allowed extensions build and publish.
    name: 'allowed-docs',
    files: {
      'mkdocs.yml':
        'site_name: Allowed\ntheme:\n  name: material\nplugins: [search]\nmarkdown_extensions:\n  - admonition\n  - toc:\n      permalink: true\n',
      'docs/index.md': '# Allowed\n\n!!! note\n    Built.\n',
    },
  },
];

const refused = cases.filter(c => c.error);
const built = cases.filter(c => !c.error);

type Event = { type: string; data: unknown };
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

describe('TechDocs builds keep the backend environment out of the docs', () => {
  let portal: SandboxPortal;
  /** A signed-in user, as the Docs tab asks: the API tokens have no TechDocs access. */
  let user: SignedInUser;

  beforeAll(async () => {
    portal = await startSandboxPortal({
      env: {
        LAUNCHPAD_TECHDOCS_CANARY: CANARY,
        PORTAL_API_WRITE_TOKEN: WRITE_TOKEN,
      },
    });
    // Signing in needs the user ingested from the GitHub organisation.
    user = await eventually(
      'minji-park signed in',
      () => signInViaGitHub(portal.baseUrl, 'minji-park'),
      120_000,
    );
  });

  afterAll(async () => {
    await portal?.stop();
  });

  /** The Docs tab's build request: a server-sent event stream. */
  async function sync(name: string): Promise<{ raw: string; events: Event[] }> {
    const res = await user.fetch(
      `/api/techdocs/sync/default/component/${name}`,
    );
    expect(res.status).toBe(200);
    const raw = await res.text();
    const events = raw
      .split('\n\n')
      .filter(Boolean)
      .map(block => ({
        type: /^event: (.*)$/m.exec(block)?.[1] ?? '',
        data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null'),
      }));
    return { raw, events };
  }

  /** Registers the case's repository and asks the backend to build it. */
  async function build(c: Case) {
    await registerGitHubRepository(portal, {
      name: c.name,
      from: { 'catalog-info.yaml': catalogInfo(c.name), ...c.files },
      links: c.links,
      entityName: c.name,
      writeToken: WRITE_TOKEN,
    });
    const { raw, events } = await sync(c.name);
    const page = await user.fetch(
      `/api/techdocs/static/docs/default/component/${c.name}/index.html`,
    );
    return {
      raw,
      error: events.find(e => e.type === 'error')?.data,
      // Without winston's colour codes, as the Docs tab's log viewer shows it.
      log: events
        .filter(e => e.type === 'log')
        .map(e => String(e.data).replace(ANSI, '')),
      last: events.at(-1),
      status: page.status,
      html: await page.text(),
    };
  }

  it.each(refused.map(c => [c.name, c] as const))(
    '%s: refused, with the reason on the Docs tab',
    async (_name, c) => {
      const result = await build(c);
      expect(result.error).toMatch(c.error!);
      expect(result.last?.type).toBe('error');
      // The build log (the Docs tab's "Show build logs") ends with the reason.
      expect(result.log.at(-1)).toMatch(
        new RegExp(
          `^error: Failed to build the docs page for entity component:default/${c.name}: TechDocs refused to build`,
        ),
      );
      expect(result.log.at(-1)).toContain(String(result.error));
      expect(result.status).toBe(404);
      expect(result.raw).not.toContain(CANARY);
      expect(result.html).not.toContain(CANARY);
    },
  );

  it.each(built.map(c => [c.name, c] as const))(
    '%s: built and served without the canary',
    async (_name, c) => {
      const result = await build(c);
      expect(result.error).toBeUndefined();
      expect(result.last).toEqual({ type: 'finish', data: { updated: true } });
      expect(result.status).toBe(200);
      expect(result.html).toContain('<h1');
      expect(result.raw).not.toContain(CANARY);
      expect(result.html).not.toContain(CANARY);
    },
  );

  it('published nothing that holds the canary', () => {
    const published = path.join(portal.dataDir, 'techdocs');
    const files = fs
      .readdirSync(published, { recursive: true, withFileTypes: true })
      .filter(e => e.isFile())
      .map(e => path.join(e.parentPath, e.name));
    // The control and the docs whose link was dropped were published.
    expect(files.some(f => f.endsWith('allowed-docs/index.html'))).toBe(true);
    expect(files.some(f => f.endsWith('leak-symlink/index.html'))).toBe(true);
    expect(files.some(f => f.includes('leak-symlink/env'))).toBe(false);
    const holding = files.filter(f =>
      fs.readFileSync(f, 'latin1').includes(CANARY),
    );
    expect(holding).toEqual([]);
  });

  it("kept the canary out of the backend's own log, which names each refusal", () => {
    const logs = portal.backend.logs().join('\n');
    expect(logs).not.toContain(CANARY);
    for (const c of refused) {
      expect(logs).toContain(
        `Failed to build the docs page for entity component:default/${c.name}`,
      );
    }
  });
});
