/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { loadConfigSchema, type ConfigSchema } from '@backstage/config-loader';
import { getPackages } from '@manypkg/get-packages';

/**
 * Where the container image keeps the configuration schemas that mark
 * secrets, relative to the working directory (the image's /app).
 */
export const CONFIG_SCHEMA_FILE = 'packages/backend/secret-config-schema.json';

type SerializedSchema = ReturnType<ConfigSchema['serialize']>;

interface ConfigSchemaFile {
  /** What the schema was collected from: see {@link fingerprint}. */
  fingerprint: string;
  /** `ConfigSchema.serialize()`, read back with `loadConfigSchema`. */
  schema: SerializedSchema;
}

/**
 * The workspace packages (name and version) and the lockfile in `dir`: the
 * schema is collected from exactly these, so a file written for other
 * packages is never used.
 */
async function fingerprint(dir: string) {
  const { packages, root } = await getPackages(dir);
  const hash = createHash('sha256');
  const names = [root, ...packages]
    .map(p => `${p.packageJson.name}@${p.packageJson.version}`)
    .sort();
  hash.update(names.join('\n'));
  const lockfile = path.join(dir, 'yarn.lock');
  if (fs.existsSync(lockfile)) hash.update(fs.readFileSync(lockfile));
  return {
    value: hash.digest('hex'),
    dependencies: packages.map(p => p.packageJson.name),
  };
}

/**
 * Whether a package's schema marks any value secret (`@visibility secret`
 * or `deepVisibility: secret`, as `config.d.ts` compiles to JSON schema).
 */
function marksSecrets(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(marksSecrets);
  if (schema === null || typeof schema !== 'object') return false;
  return Object.entries(schema).some(
    ([key, value]) =>
      ((key === 'visibility' || key === 'deepVisibility') &&
        value === 'secret') ||
      marksSecrets(value),
  );
}

/**
 * Collects the configuration schemas of the packages in `dir` (the
 * backend's workspaces and what they depend on, as Backstage's secret
 * enumerator does at start-up) and writes those that mark a value secret
 * to {@link CONFIG_SCHEMA_FILE}: the others cannot add a secret, and
 * leaving them out makes the schema quicker to compile at start-up. Run
 * when the container image is built (`write-config-schema.cjs`); a schema
 * error fails the build.
 */
export async function writeConfigSchemaFile(dir: string) {
  const { value, dependencies } = await fingerprint(dir);
  const collected = await loadConfigSchema({
    dependencies,
    onSchemaError: error => {
      throw error;
    },
  });
  const serialized = collected.serialize() as SerializedSchema & {
    schemas: Array<{ path: string; value: JsonObject }>;
  };
  const schemas = serialized.schemas.filter(s => marksSecrets(s.value));
  const file = path.join(dir, CONFIG_SCHEMA_FILE);
  const content: ConfigSchemaFile = {
    fingerprint: value,
    schema: { ...serialized, schemas },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content));
  return {
    file,
    packages: dependencies.length,
    schemas: schemas.length,
    collected: serialized.schemas.length,
  };
}

/**
 * The schemas written by {@link writeConfigSchemaFile} for the packages in
 * `dir`, for `createConfigSecretEnumerator` only; `undefined` when there is
 * no file (development), or it is damaged or was written for other packages
 * (both with a warning), and the caller then collects them as Backstage
 * does.
 */
export async function readConfigSchemaFile(
  dir: string,
  logger: LoggerService,
): Promise<ConfigSchema | undefined> {
  const file = path.join(dir, CONFIG_SCHEMA_FILE);
  if (!fs.existsSync(file)) return undefined;
  let content: ConfigSchemaFile;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    logger.warn(
      `${CONFIG_SCHEMA_FILE} cannot be read (${error}); collecting the configuration schema from the packages instead`,
    );
    return undefined;
  }
  const { value } = await fingerprint(dir);
  if (content.fingerprint !== value) {
    logger.warn(
      `${CONFIG_SCHEMA_FILE} was written for other packages; collecting the configuration schema from the packages instead`,
    );
    return undefined;
  }
  return loadConfigSchema({ serialized: content.schema });
}
