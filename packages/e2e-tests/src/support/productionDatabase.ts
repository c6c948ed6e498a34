/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { repoRoot } from '@internal/test-support';

/**
 * `backend.database` of `app-config.production.yaml` without its connection:
 * the pool sizes (`knexConfig`, per-plugin `knexConfig`) and the catalog's
 * session settings. Tests that run several replicas on one PostgreSQL use
 * them, so that they open the connections production would, not knex's
 * defaults (a pool of up to 10 for each of 18 plugins per replica).
 */
export function productionDatabaseSettings(): Record<string, unknown> {
  const config = yaml.load(
    fs.readFileSync(path.join(repoRoot, 'app-config.production.yaml'), 'utf8'),
  ) as { backend: { database: Record<string, unknown> } };
  const { knexConfig, plugin, pluginDivisionMode } = config.backend.database;
  return { knexConfig, plugin, pluginDivisionMode };
}
