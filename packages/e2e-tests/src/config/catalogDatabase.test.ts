/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import yaml from 'js-yaml';
import { ConfigReader } from '@backstage/config';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { mockServices } from '@backstage/backend-test-utils';
import { repoRoot, startPostgres, TestPostgres } from '@internal/test-support';

// app-config.production.yaml turns PostgreSQL's Memoize plan node off for
// the catalog's connections only (packages/benchmarks/README.md,
// "Findings"). This opens each plugin's database the way the backend does,
// through Backstage's own DatabaseManager with the production file's
// backend.database block, and asks PostgreSQL what the session got.

jest.setTimeout(120_000);

describe('production database settings per plugin', () => {
  let pg: TestPostgres;
  let manager: DatabaseManager;

  beforeAll(async () => {
    pg = await startPostgres();
    const production = yaml.load(
      fs.readFileSync(
        path.join(repoRoot, 'app-config.production.yaml'),
        'utf8',
      ),
    ) as { backend: { database: Record<string, any> } };
    const database = production.backend.database;
    manager = DatabaseManager.fromConfig(
      new ConfigReader({
        backend: {
          database: {
            ...database,
            connection: {
              host: pg.host,
              port: pg.port,
              user: pg.user,
              password: pg.password,
            },
            prefix: `settings_${randomBytes(4).toString('hex')}_`,
          },
        },
      }),
    );
  });

  afterAll(async () => {
    await pg?.stop();
  });

  const setting = async (pluginId: string, name: string) => {
    const lifecycle = mockServices.lifecycle.mock();
    const db = await manager
      .forPlugin(pluginId, {
        logger: mockServices.logger.mock(),
        lifecycle,
      })
      .getClient();
    try {
      const result = await db.raw(`SHOW ${name}`);
      return result.rows[0][name];
    } finally {
      await db.destroy();
    }
  };

  it('turns Memoize off for the catalog', async () => {
    expect(await setting('catalog', 'enable_memoize')).toBe('off');
  });

  it('leaves the other plugins on PostgreSQL defaults', async () => {
    expect(await setting('scaffolder', 'enable_memoize')).toBe('on');
    expect(await setting('search', 'enable_memoize')).toBe('on');
  });
});
