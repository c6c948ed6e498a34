/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotImplementedError } from '@backstage/errors';

const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
const SKIPPED = new Set([
  'node_modules',
  'dist',
  '__pycache__',
  '.pytest_cache',
]);

/**
 * The files of a template's folder (its `template.yaml`, `skeleton/`, ...),
 * as the scaffolder's dry run wants them (what the template editor uploads).
 * Only a template registered from a `file:` location can be read: Launchpad's
 * templates come from the image's `templates/` folder, and nothing a user
 * sends names a path here.
 */
export async function templateFiles(
  template: Entity,
): Promise<Array<{ path: string; base64Content: string }>> {
  const location = template.metadata.annotations?.[MANAGED_BY_LOCATION] ?? '';
  if (!location.startsWith('file:')) {
    throw new NotImplementedError(
      `A dry run needs the template's files; ${stringifyEntityRef(
        template,
      )} comes from ${
        location || 'an unknown location'
      }, and only templates registered from a file location (the portal's templates/ folder) can be dry-run here.`,
    );
  }
  const target = location.slice('file:'.length);
  const root = path.dirname(
    target.startsWith('file://') ? fileURLToPath(target) : target,
  );
  const files: Array<{ path: string; base64Content: string }> = [];
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.isFile()) {
        files.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          base64Content: (await fs.readFile(full)).toString('base64'),
        });
      }
    }
  }
  await walk(root);
  return files;
}
