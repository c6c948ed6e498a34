/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import { PoolMetrics } from './poolMetrics';

/**
 * Backstage's `database` service (the same `DatabaseManager`, config and
 * in-memory SQLite fallback as `@backstage/backend-defaults/database`),
 * with every plugin's connection pool observed by {@link PoolMetrics}.
 */
export const databaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    const manager = DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
    return { manager, poolMetrics: new PoolMetrics() };
  },
  async factory(
    { pluginMetadata, lifecycle, logger },
    { manager, poolMetrics },
  ) {
    const pluginId = pluginMetadata.getId();
    const database = manager.forPlugin(pluginId, { lifecycle, logger });
    return {
      ...database,
      async getClient() {
        const client = await database.getClient();
        poolMetrics.observe(pluginId, client);
        return client;
      },
    };
  },
});
