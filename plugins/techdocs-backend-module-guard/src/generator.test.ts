/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
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
