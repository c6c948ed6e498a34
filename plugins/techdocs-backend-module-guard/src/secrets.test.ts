/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import childProcess from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  GeneratorBase,
  TechdocsGenerator,
} from '@backstage/plugin-techdocs-node';
import { GuardedTechdocsGenerator } from './generator';

// With the real mkdocs (Debian: mkdocs, mkdocs-material, python3-pymdownx),
// as the backend runs it with `techdocs.generator.runIn: local`: every
// route by which a repository's docs could copy the backend's environment
// into the published site, first through the stock generator (the leak is
// real and the probe sees it), then through the guard.
const config = mockServices.rootConfig({
  data: {
    techdocs: {
      generator: { runIn: 'local', mkdocs: { omitTechdocsCorePlugin: true } },
    },
  },
});

// A secret in the backend's environment. The generator spawns mkdocs with
// Node's own environment (jest hands the test a copy of process.env, which a
// child process never sees), so the canary is added where mkdocs gets it.
const CANARY = `launchpad-canary-${randomBytes(8).toString('hex')}`;
function backendEnvironmentWithCanary() {
  const spawn = childProcess.spawn;
  return jest.spyOn(childProcess, 'spawn').mockImplementation(((
    command: string,
    args: string[],
    options: any,
  ) =>
    spawn(command, args, {
      ...options,
      env: { ...process.env, LAUNCHPAD_TECHDOCS_CANARY: CANARY },
    })) as any);
}

/** Every file under `dir`, concatenated. */
function allText(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'))
    .join('\n');
}

describe('secrets of the build server', () => {
  const mockDir = createMockDirectory();
  const logger = mockServices.logger.mock();
  const environ = '/proc/self/environ';
  const up = '../'.repeat(20);

  beforeEach(() => mockDir.clear());

  async function build(
    generator: GeneratorBase,
    files: Record<string, string>,
    links: Record<string, string> = {},
  ) {
    mockDir.setContent({ repo: files, out: {} });
    for (const [link, target] of Object.entries(links)) {
      fs.symlinkSync(target, mockDir.resolve(`repo/${link}`));
    }
    const spawn = backendEnvironmentWithCanary();
    let error: Error | undefined;
    try {
      await generator.run({
        inputDir: mockDir.resolve('repo'),
        outputDir: mockDir.resolve('out'),
        logger: logger as any,
        logStream: new PassThrough(),
      });
    } catch (e) {
      error = e as Error;
    } finally {
      spawn.mockRestore();
    }
    return { error, site: allText(mockDir.resolve('out')) };
  }

  type Attack = {
    what: string;
    files: Record<string, string>;
    links?: Record<string, string>;
    /** The setting the guard's message names. */
    names: string;
  };
  const snippets = 'site_name: x\nmarkdown_extensions: [pymdownx.snippets]\n';
  const readEnv =
    'import os\ndef on_page_markdown(markdown, **kwargs):\n    return markdown + os.environ["LAUNCHPAD_TECHDOCS_CANARY"]\n';
  const jinjaEnv =
    '{{ self.__init__.__globals__.__builtins__.__import__("os").environ["LAUNCHPAD_TECHDOCS_CANARY"] }}';
  // Each of these publishes the canary when mkdocs runs it as written.
  const leaks: Attack[] = [
    {
      what: 'pymdownx.snippets with an absolute path',
      files: {
        'mkdocs.yml': snippets,
        'docs/index.md': `# x\n\n--8<-- "${environ}"\n`,
      },
      names: "'pymdownx.snippets'",
    },
    {
      what: 'pymdownx.snippets with a path that climbs out of the repository',
      files: {
        'mkdocs.yml': snippets,
        'docs/index.md': `# x\n\n--8<-- "${up}proc/self/environ"\n`,
      },
      names: "'pymdownx.snippets'",
    },
    {
      what: 'pymdownx.snippets with a base_path inside the repository',
      files: {
        'mkdocs.yml':
          'site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n      check_paths: true\n',
        'docs/index.md': `# x\n\n--8<-- "${up}proc/self/environ"\n`,
      },
      names: "'pymdownx.snippets'",
    },
    {
      what: 'pymdownx.snippets auto_append in the mapping form',
      files: {
        'mkdocs.yml': `site_name: x\nmarkdown_extensions:\n  pymdownx.snippets:\n    auto_append: [${environ}]\n`,
        'docs/index.md': '# x\n',
      },
      names: "'pymdownx.snippets'",
    },
    {
      what: 'the !ENV tag',
      files: {
        'mkdocs.yml': 'site_name: !ENV LAUNCHPAD_TECHDOCS_CANARY\n',
        'docs/index.md': '# x\n',
      },
      names: 'YAML tag !ENV',
    },
    {
      // The stock generator's YAML parser turns the key [markdown_extensions]
      // into markdown_extensions, and writes that back for mkdocs.
      what: 'pymdownx.snippets behind a list used as a key',
      files: {
        'mkdocs.yml':
          'site_name: x\n? [markdown_extensions]\n: [pymdownx.snippets]\n',
        'docs/index.md': `# x\n\n--8<-- "${environ}"\n`,
      },
      names: "'pymdownx.snippets'",
    },
  ];
  // techdocs-node already drops or refuses these; the guard refuses them
  // first, saying why.
  const alsoRefused: Attack[] = [
    {
      what: 'hooks',
      files: {
        'mkdocs.yml': 'site_name: x\nhooks: [hook.py]\n',
        'hook.py': readEnv,
        'docs/index.md': '# x\n',
      },
      names: 'declares hooks (hook.py)',
    },
    {
      what: 'hooks brought in by a YAML merge key',
      files: {
        'mkdocs.yml':
          'site_name: x\nbase: &base\n  hooks: [hook.py]\n<<: *base\n',
        'hook.py': readEnv,
        'docs/index.md': '# x\n',
      },
      names: 'declares hooks (hook.py)',
    },
    {
      what: 'theme.custom_dir',
      files: {
        'mkdocs.yml':
          'site_name: x\ntheme:\n  name: mkdocs\n  custom_dir: overrides\n',
        'overrides/main.html': jinjaEnv,
        'docs/index.md': '# x\n',
      },
      names: 'theme.custom_dir',
    },
    {
      what: 'extra_templates',
      files: {
        'mkdocs.yml': 'site_name: x\nextra_templates: [env.html]\n',
        'docs/env.html': jinjaEnv,
        'docs/index.md': '# x\n',
      },
      names: 'extra_templates (env.html)',
    },
    {
      what: 'a symbolic link to /proc/self/environ',
      files: { 'mkdocs.yml': 'site_name: x\n', 'docs/index.md': '# x\n' },
      links: { 'docs/env.md': environ },
      names: 'docs/env.md is a symbolic link to a file outside the repository',
    },
  ];

  // The reproduction: techdocs-node alone keeps pymdownx.snippets (resetting
  // its options in the list form only, and Debian's pymdownx 9.5 reads any
  // path whatever the options) and the !ENV tag. This also shows that the
  // probe sees a leak when there is one.
  it.each(leaks.map(a => [a.what, a] as const))(
    'techdocs-node alone publishes the environment: %s',
    async (_what, attack) => {
      const stock = TechdocsGenerator.fromConfig(config, { logger });
      const { site } = await build(stock, attack.files, attack.links);
      expect(site).toContain(CANARY);
    },
    30_000,
  );

  it.each([...leaks, ...alsoRefused].map(a => [a.what, a] as const))(
    'the guard refuses %s, and nothing generated holds the secret',
    async (_what, attack) => {
      const guarded = GuardedTechdocsGenerator.fromConfig(config, { logger });
      const { error, site } = await build(guarded, attack.files, attack.links);
      expect(site).not.toContain(CANARY);
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toMatch(/^TechDocs refused to build[:,] /);
      expect(error?.message).toContain(attack.names);
    },
    30_000,
  );

  // Why no option makes pymdownx.snippets safe here, with mkdocs run
  // directly (techdocs-node would drop the options): Debian's pymdownx 9.5
  // joins any path to base_path, and has no restrict_base_path (added in
  // pymdownx 10). Should this fail after an upgrade, revisit
  // NEVER_ALLOWED_MARKDOWN_EXTENSIONS in markdownExtensions.ts.
  it("cannot confine pymdownx.snippets with this build server's pymdownx", () => {
    mockDir.setContent({
      'secret.txt': `${CANARY}\n`,
      repo: {
        'mkdocs.yml':
          'site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n      check_paths: true\n',
        'docs/index.md': `# x\n\n--8<-- "${mockDir.resolve(
          'secret.txt',
        )}"\n\n--8<-- "../../secret.txt"\n`,
      },
    });
    const mkdocs = (dest: string) =>
      childProcess.spawnSync('mkdocs', ['build', '-d', dest], {
        cwd: mockDir.resolve('repo'),
        encoding: 'utf8',
      });
    expect(mkdocs(mockDir.resolve('site')).status).toBe(0);
    const html = fs.readFileSync(mockDir.resolve('site/index.html'), 'utf8');
    expect(html.split(CANARY).length - 1).toBe(2);

    fs.appendFileSync(
      mockDir.resolve('repo/mkdocs.yml'),
      '      restrict_base_path: true\n',
    );
    const restricted = mkdocs(mockDir.resolve('site2'));
    expect(restricted.status).not.toBe(0);
    expect(restricted.stderr).toContain("KeyError: 'restrict_base_path'");
  });

  it('builds what is allowed, with the same probe', async () => {
    const guarded = GuardedTechdocsGenerator.fromConfig(config, { logger });
    const { error, site } = await build(guarded, {
      'mkdocs.yml': fs.readFileSync(
        path.resolve(__dirname, '../../../mkdocs.yml'),
        'utf8',
      ),
      'docs/index.md': '# x\n\n!!! note\n    Allowed.\n',
    });
    expect(error).toBeUndefined();
    expect(site).toContain('admonition note');
    expect(site).not.toContain(CANARY);
  }, 30_000);
});
