/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  checkGeneratorPlugins,
  GuardedTechdocsGenerator,
  readGuardPolicy,
} from './generator';

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

  it("builds the FastAPI template skeleton's docs as a new service gets them", async () => {
    // The skeleton's mkdocs.yml and docs/, with the template's ${{ values.x }}
    // placeholders filled in as the scaffolder would.
    const skeleton = path.resolve(
      __dirname,
      '../../../templates/fastapi-service/skeleton',
    );
    const fill = (text: string) =>
      text
        .replace(/\$\{\{ values\.(\w+) \| dump \}\}/g, '"$1-value"')
        .replace(/\$\{\{ values\.(\w+) \}\}/g, '$1-value');
    const files: Record<string, string> = {
      'mkdocs.yml': fill(
        fs.readFileSync(path.join(skeleton, 'mkdocs.yml'), 'utf8'),
      ),
    };
    for (const name of fs.readdirSync(path.join(skeleton, 'docs'))) {
      files[`docs/${name}`] = fill(
        fs.readFileSync(path.join(skeleton, 'docs', name), 'utf8'),
      );
    }
    const { error, output } = await run(files);
    expect(error).toBeUndefined();
    expect(output).toEqual(
      expect.arrayContaining(['index.html', 'api', 'operations']),
    );
    expect(
      fs.readFileSync(mockDir.resolve('out/index.html'), 'utf8'),
    ).toContain('name-value');
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
    // A typo the guard lets through (the theme name); mkdocs refuses it.
    const { error, log, output } = await run({
      'mkdocs.yml': 'site_name: x\ntheme:\n  name: materal\n',
      'docs/index.md': '# x\n',
    });
    expect(error?.name).toBe('InputError');
    // One line: the Docs tab shows the message JSON-quoted.
    expect(error!.message).not.toContain('\n');
    expect(error!.message).toMatch(
      /^mkdocs build failed with exit code 1\. End of the build log: /,
    );
    expect(error!.message).toContain(
      "ERROR - Config value 'theme': Unrecognised theme name: 'materal'. The available installed themes are: ",
    );
    expect(error!.message).toMatch(/ \| Aborted with 1 Configuration Errors!$/);
    // Readable: no colour codes, no DEBUG noise, a bounded tail.
    expect(error!.message).not.toContain(String.fromCharCode(27));
    expect(error!.message).not.toContain('DEBUG');
    expect(error!.message.split(' | ').length).toBeLessThanOrEqual(10);
    // The full log still reaches the Docs tab's build log stream.
    expect(log).toContain('DEBUG');
    expect(log).toContain('materal');
    expect(output).not.toContain('index.html');
  }, 30_000);
});

describe('readGuardPolicy', () => {
  it('defaults to the search plugin only', () => {
    expect(readGuardPolicy(mockServices.rootConfig()).allowedPlugins).toEqual([
      'search',
    ]);
  });

  it('refuses to start with a plugin that reads files from anywhere in the allow list', () => {
    const read = (allowedPlugins: string[]) => () =>
      readGuardPolicy(
        mockServices.rootConfig({
          data: { techdocs: { guard: { allowedPlugins } } },
        }),
      );
    expect(read(['search', 'techdocs-core'])).toThrow(
      /^techdocs\.guard\.allowedPlugins lists a plugin the TechDocs guard never allows: 'techdocs-core' \(turns on pymdownx\.snippets .*\)\. Remove it from the list$/,
    );
    expect(read(['monorepo', 'search', 'macros'])).toThrow(
      /^techdocs\.guard\.allowedPlugins lists plugins the TechDocs guard never allows: 'monorepo' \(.*\); 'macros' \(.*\)\. Remove them from the list$/,
    );
  });

  it('reads techdocs.guard.allowedPlugins', () => {
    const policy = readGuardPolicy(
      mockServices.rootConfig({
        data: { techdocs: { guard: { allowedPlugins: ['search'] } } },
      }),
    );
    expect(policy.allowedPlugins).toEqual(['search']);
  });

  it('defaults to the Markdown extensions the portal and the FastAPI template use, and a few more', () => {
    const allowed = readGuardPolicy(
      mockServices.rootConfig(),
    ).allowedMarkdownExtensions;
    // Every extension of the portal's docs and of the template's skeleton.
    for (const file of [
      '../../../mkdocs.yml',
      '../../../templates/fastapi-service/skeleton/mkdocs.yml',
    ]) {
      const text = fs.readFileSync(path.resolve(__dirname, file), 'utf8');
      const block = /^markdown_extensions:\n((?: .*\n?)*)/m.exec(text)![1];
      const names = [...block.matchAll(/^ {2}- ([\w.]+)/gm)].map(m => m[1]);
      expect(names.length).toBeGreaterThan(0);
      expect(allowed).toEqual(expect.arrayContaining(names));
    }
    expect(allowed).not.toContain('pymdownx.snippets');
  });

  it('reads techdocs.guard.allowedMarkdownExtensions', () => {
    const policy = readGuardPolicy(
      mockServices.rootConfig({
        data: {
          techdocs: { guard: { allowedMarkdownExtensions: ['toc', 'smarty'] } },
        },
      }),
    );
    expect(policy.allowedMarkdownExtensions).toEqual(['toc', 'smarty']);
  });

  it('refuses to start with an extension that reads files from anywhere in the allow list', () => {
    const read = (allowedMarkdownExtensions: string[]) => () =>
      readGuardPolicy(
        mockServices.rootConfig({
          data: { techdocs: { guard: { allowedMarkdownExtensions } } },
        }),
      );
    expect(read(['toc', 'pymdownx.snippets'])).toThrow(
      "techdocs.guard.allowedMarkdownExtensions lists an extension the TechDocs guard never allows: 'pymdownx.snippets' (copies any file the build server can read into the page, by absolute or ../ path, e.g. /proc/self/environ with the server secrets, whatever its options (base_path and check_paths do not confine it, restrict_base_path does not exist in the build server pymdownx 9.5, url_download would also fetch any URL the server can reach)). Remove it from the list",
    );
    expect(
      read(['markdown.extensions.toc', 'pymdownx.b64', 'mdx_include']),
    ).toThrow(
      /^techdocs\.guard\.allowedMarkdownExtensions lists extensions the TechDocs guard never allows: 'pymdownx\.b64' \(embeds .*\); 'mdx_include' \(copies .*\)\. Remove them from the list$/,
    );
  });
});

describe('plugins the stock generator adds', () => {
  const mkdocsConfig = (mkdocs: {
    omitTechdocsCorePlugin?: boolean;
    defaultPlugins?: string[];
  }) =>
    mockServices.rootConfig({
      data: { techdocs: { generator: { runIn: 'local', mkdocs } } },
    });
  const problems = (mkdocs: {
    omitTechdocsCorePlugin?: boolean;
    defaultPlugins?: string[];
  }) => {
    const cfg = mkdocsConfig(mkdocs);
    return checkGeneratorPlugins(cfg, readGuardPolicy(cfg));
  };

  it('accepts the portal configuration: no techdocs-core, allowed default plugins', () => {
    expect(problems({ omitTechdocsCorePlugin: true })).toEqual([]);
    expect(
      problems({ omitTechdocsCorePlugin: true, defaultPlugins: ['search'] }),
    ).toEqual([]);
  });

  it('names techdocs-core when omitTechdocsCorePlugin is not true, and unlisted default plugins', () => {
    expect(problems({ defaultPlugins: ['search', 'redirects'] })).toEqual([
      "the backend adds the MkDocs plugin 'redirects' to every mkdocs.yml (techdocs.generator.mkdocs.defaultPlugins), not allowed here (allowed: search)",
      "the backend adds the MkDocs plugin 'techdocs-core' to every mkdocs.yml (techdocs.generator.mkdocs.omitTechdocsCorePlugin is not true), which turns on pymdownx.snippets (copies any file the build server can read into a page; Debian has no pymdownx with restrict_base_path), the monorepo plugin and plantuml_markdown",
    ]);
  });

  it('refuses every build, before anything runs, and says so at startup', async () => {
    const mockDir = createMockDirectory();
    mockDir.setContent({
      repo: { 'mkdocs.yml': 'site_name: x\n', 'docs/index.md': '# x\n' },
      out: {},
    });
    const logger = mockServices.logger.mock();
    const generator = GuardedTechdocsGenerator.fromConfig(
      mkdocsConfig({ omitTechdocsCorePlugin: false }),
      { logger },
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^TechDocs guard: every local docs build will be refused: the backend adds the MkDocs plugin 'techdocs-core'/,
      ),
    );
    const mkdocsYml = fs.readFileSync(
      mockDir.resolve('repo/mkdocs.yml'),
      'utf8',
    );
    await expect(
      generator.run({
        inputDir: mockDir.resolve('repo'),
        outputDir: mockDir.resolve('out'),
        logger: logger as any,
      }),
    ).rejects.toThrow(
      /^TechDocs refused to build: the backend adds the MkDocs plugin 'techdocs-core' .*\. Platform admins: set techdocs\.generator\.mkdocs\.omitTechdocsCorePlugin: true and list only allowed plugins in techdocs\.generator\.mkdocs\.defaultPlugins$/,
    );
    // Nothing ran: mkdocs.yml untouched (the stock generator rewrites it),
    // nothing generated.
    expect(fs.readFileSync(mockDir.resolve('repo/mkdocs.yml'), 'utf8')).toBe(
      mkdocsYml,
    );
    expect(fs.readdirSync(mockDir.resolve('out'))).toEqual([]);
  });
});
