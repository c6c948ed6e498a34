/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { techdocsModuleGuard } from './module';

// The stock TechDocs backend with this module, building with the real
// mkdocs as `yarn start` does, and answering the sync endpoint the Docs
// tab reads (a server-sent event stream of log, error and finish events).

const repos: Record<string, Record<string, string>> = {
  good: {
    'mkdocs.yml':
      'site_name: Good\ntheme: {name: material}\nplugins: [search]\n',
    'docs/index.md': '# Good\n',
  },
  'no-mkdocs': { 'docs/index.md': '# Lost\n' },
  hooked: {
    'mkdocs.yml': 'site_name: Hooked\nhooks: [hook.py]\n',
    'hook.py': 'raise SystemExit(0)\n',
    'docs/index.md': '# Hooked\n',
  },
  broken: {
    'mkdocs.yml': 'site_name: Broken\ntheme: {name: materal}\n',
    'docs/index.md': '# Broken\n',
  },
  snippets: {
    'mkdocs.yml':
      'site_name: Snippets\nmarkdown_extensions: [pymdownx.snippets]\n',
    'docs/index.md': '# Snippets\n\n--8<-- "/proc/self/environ"\n',
  },
};

type Event = { type: string; data: unknown };

function parseEvents(body: string): Event[] {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map(block => {
      const type = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
      return { type, data };
    });
}

describe('techdocsModuleGuard in the TechDocs backend', () => {
  const mockDir = createMockDirectory();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    mockDir.setContent({ ...repos, published: {} });
    const entities: Entity[] = Object.keys(repos).map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        uid: `guard-test-${name}-${Date.now()}`,
        annotations: {
          'backstage.io/techdocs-ref': 'dir:.',
          'backstage.io/managed-by-location': `file:${path.join(
            mockDir.resolve(name),
            'catalog-info.yaml',
          )}`,
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    }));

    const backend = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleGuard,
        catalogServiceMock.factory({ entities }),
        // Mirrors the techdocs block of app-config.yaml.
        mockServices.rootConfig.factory({
          data: {
            techdocs: {
              builder: 'local',
              generator: {
                runIn: 'local',
                mkdocs: { omitTechdocsCorePlugin: true },
              },
              publisher: {
                type: 'local',
                local: { publishDirectory: mockDir.resolve('published') },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
  });

  afterAll(() => server?.close());

  async function sync(name: string): Promise<Event[]> {
    const res = await request(server)
      .get(`/api/techdocs/sync/default/component/${name}`)
      .set('Authorization', mockCredentials.user.header())
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.on('data', (c: Buffer) => {
          text += c.toString();
        });
        r.on('end', () => cb(null, text));
      });
    expect(res.status).toBe(200);
    return parseEvents(res.body as string);
  }

  const errorOf = (events: Event[]) =>
    events.find(e => e.type === 'error')?.data as string | undefined;

  it('builds and publishes good docs', async () => {
    const events = await sync('good');
    expect(errorOf(events)).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: 'finish', data: { updated: true } });
    expect(
      fs.existsSync(
        mockDir.resolve('published/default/component/good/index.html'),
      ),
    ).toBe(true);
  }, 60_000);

  it('tells the Docs tab that mkdocs.yml is missing', async () => {
    const events = await sync('no-mkdocs');
    expect(errorOf(events)).toBe(
      'no mkdocs.yml at the repository root; add one or remove the backstage.io/techdocs-ref annotation',
    );
    // The build log shown under the error names the failure as well.
    const log = events
      .filter(e => e.type === 'log')
      .map(e => e.data)
      .join('\n');
    expect(log).toContain(
      'Failed to build the docs page for entity component:default/no-mkdocs: no mkdocs.yml at the repository root',
    );
    expect(fs.existsSync(mockDir.resolve('no-mkdocs/mkdocs.yml'))).toBe(false);
  }, 60_000);

  it('refuses hooks without running mkdocs', async () => {
    const events = await sync('hooked');
    expect(errorOf(events)).toBe(
      'TechDocs refused to build: mkdocs.yml declares hooks (hook.py); hooks run arbitrary Python on the build server and are not allowed, remove the hooks: key',
    );
    const log = events
      .filter(e => e.type === 'log')
      .map(e => e.data)
      .join('\n');
    expect(log).not.toContain('Building documentation');
  }, 60_000);

  it('surfaces the mkdocs log when the build fails', async () => {
    const events = await sync('broken');
    const error = errorOf(events);
    expect(error).toMatch(
      /^mkdocs build failed with exit code 1\. End of the build log: /,
    );
    expect(error).toContain("Unrecognised theme name: 'materal'");
  }, 60_000);

  it('refuses pymdownx.snippets and publishes nothing of the environment', async () => {
    const events = await sync('snippets');
    expect(errorOf(events)).toBe(
      "TechDocs refused to build: mkdocs.yml uses the Markdown extension 'pymdownx.snippets', which copies any file the build server can read into the page, by absolute or ../ path, e.g. /proc/self/environ with the server secrets, whatever its options (base_path and check_paths do not confine it, restrict_base_path does not exist in the build server pymdownx 9.5, url_download would also fetch any URL the server can reach); it is not allowed, put the text or image into the docs folder instead",
    );
    expect(
      fs.existsSync(mockDir.resolve('published/default/component/snippets')),
    ).toBe(false);
    // Nothing anywhere in what was published holds an environment variable.
    const published = fs
      .readdirSync(mockDir.resolve('published'), {
        recursive: true,
        withFileTypes: true,
      })
      .filter(e => e.isFile())
      .map(e => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'))
      .join('\n');
    expect(published).not.toContain(`PATH=${process.env.PATH}`);
  }, 60_000);
});
