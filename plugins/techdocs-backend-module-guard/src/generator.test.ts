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
import { GuardedTechdocsGenerator, readGuardPolicy } from './generator';

// These tests run the real mkdocs (Debian: mkdocs mkdocs-material), as the
// backend does with `techdocs.generator.runIn: local`.
const config = mockServices.rootConfig({
  data: {
    techdocs: {
      generator: { runIn: 'local', mkdocs: { omitTechdocsCorePlugin: true } },
    },
  },
});

describe('GuardedTechdocsGenerator', () => {
  const mockDir = createMockDirectory();
  const logger = mockServices.logger.mock();
  const generator = GuardedTechdocsGenerator.fromConfig(config, { logger });

  beforeEach(() => mockDir.clear());

  async function run(files: Record<string, string>) {
    mockDir.setContent({ repo: files, out: {} });
    const log: string[] = [];
    const logStream = new PassThrough();
    logStream.on('data', d => log.push(d.toString()));
    const outputDir = mockDir.resolve('out');
    let error: Error | undefined;
    try {
      await generator.run({
        inputDir: mockDir.resolve('repo'),
        outputDir,
        logger: logger as any,
        logStream,
      });
    } catch (e) {
      error = e as Error;
    }
    return { error, log: log.join(''), output: fs.readdirSync(outputDir) };
  }

  it('builds good docs with the local mkdocs', async () => {
    const { error, output } = await run({
      'mkdocs.yml':
        'site_name: 결제 API\ntheme: {name: material, language: kr}\nplugins: [search]\n',
      'docs/index.md': '# 결제 API\n\n배포 방법.\n',
    });
    expect(error).toBeUndefined();
    expect(output).toEqual(
      expect.arrayContaining(['index.html', 'techdocs_metadata.json']),
    );
  }, 30_000);

  it('refuses before mkdocs runs: nothing is generated and nothing is written to the repository', async () => {
    const { error, output } = await run({ 'docs/index.md': '# x\n' });
    expect(error?.message).toBe(
      'no mkdocs.yml at the repository root; add one or remove the backstage.io/techdocs-ref annotation',
    );
    expect(output).toEqual([]);
    // The stock generator would have written a default mkdocs.yml here.
    expect(fs.existsSync(mockDir.resolve('repo/mkdocs.yml'))).toBe(false);

    const hooked = await run({
      'mkdocs.yml': 'site_name: x\nhooks: [pwn.py]\n',
      'pwn.py': `open(${JSON.stringify(
        mockDir.resolve('pwned'),
      )}, "w").write("x")\n`,
      'docs/index.md': '# x\n',
    });
    expect(hooked.error?.name).toBe('NotAllowedError');
    expect(hooked.output).toEqual([]);
    expect(fs.existsSync(mockDir.resolve('pwned'))).toBe(false);
    // The repository's file is left as its owner wrote it.
    expect(fs.readFileSync(mockDir.resolve('repo/mkdocs.yml'), 'utf8')).toBe(
      'site_name: x\nhooks: [pwn.py]\n',
    );
  }, 30_000);

  it('reports an mkdocs build error with the end of its log, and still streams the log', async () => {
    const { error, log, output } = await run({
      'mkdocs.yml': 'site_name: x\nmarkdown_extensions: [does_not_exist]\n',
      'docs/index.md': '# x\n',
    });
    expect(error?.name).toBe('InputError');
    // One line: the Docs tab shows the message JSON-quoted.
    expect(error!.message).not.toContain('\n');
    expect(error!.message).toMatch(
      /^mkdocs build failed with exit code 1\. End of the build log: /,
    );
    expect(error!.message).toContain(
      "ERROR - Config value 'markdown_extensions': Failed to load extension 'does_not_exist'. | ModuleNotFoundError: No module named 'does_not_exist'",
    );
    // Readable: no colour codes, no DEBUG noise, a bounded tail.
    expect(error!.message).not.toContain(String.fromCharCode(27));
    expect(error!.message).not.toContain('DEBUG');
    expect(error!.message.split(' | ').length).toBeLessThanOrEqual(10);
    // The full log still reaches the Docs tab's build log stream.
    expect(log).toContain('DEBUG');
    expect(log).toContain('does_not_exist');
    expect(output).not.toContain('index.html');
  }, 30_000);
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
  ) {
    mockDir.setContent({ repo: files, out: {} });
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

  const snippets = 'site_name: x\nmarkdown_extensions: [pymdownx.snippets]\n';
  const attacks: Array<[string, Record<string, string>]> = [
    [
      'pymdownx.snippets with an absolute path',
      {
        'mkdocs.yml': snippets,
        'docs/index.md': `# x\n\n--8<-- "${environ}"\n`,
      },
    ],
    [
      'pymdownx.snippets with a path that climbs out of the repository',
      {
        'mkdocs.yml': snippets,
        'docs/index.md': `# x\n\n--8<-- "${up}proc/self/environ"\n`,
      },
    ],
    [
      'pymdownx.snippets with a base_path inside the repository',
      {
        'mkdocs.yml':
          'site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n      check_paths: true\n',
        'docs/index.md': `# x\n\n--8<-- "${up}proc/self/environ"\n`,
      },
    ],
    [
      'pymdownx.snippets auto_append in the mapping form',
      {
        'mkdocs.yml': `site_name: x\nmarkdown_extensions:\n  pymdownx.snippets:\n    auto_append: [${environ}]\n`,
        'docs/index.md': '# x\n',
      },
    ],
  ];

  // The reproduction: techdocs-node alone keeps pymdownx.snippets (resetting
  // its options in the list form only), and Debian's pymdownx 9.5 reads any
  // path. This also shows that the probe sees a leak when there is one.
  it.each(attacks)(
    'techdocs-node alone publishes the environment: %s',
    async (_what, files) => {
      const stock = TechdocsGenerator.fromConfig(config, { logger });
      const { site } = await build(stock, files);
      expect(site).toContain(CANARY);
    },
    30_000,
  );

  it.each(attacks)(
    'the guard refuses %s, and nothing generated holds the secret',
    async (_what, files) => {
      const guarded = GuardedTechdocsGenerator.fromConfig(config, { logger });
      const { error, site } = await build(guarded, files);
      expect(site).not.toContain(CANARY);
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toContain("'pymdownx.snippets'");
    },
    30_000,
  );
});

describe('readGuardPolicy', () => {
  it('defaults to search and techdocs-core', () => {
    expect(readGuardPolicy(mockServices.rootConfig()).allowedPlugins).toEqual([
      'search',
      'techdocs-core',
    ]);
  });

  it('reads techdocs.guard.allowedPlugins', () => {
    const policy = readGuardPolicy(
      mockServices.rootConfig({
        data: { techdocs: { guard: { allowedPlugins: ['search'] } } },
      }),
    );
    expect(policy.allowedPlugins).toEqual(['search']);
  });
});
