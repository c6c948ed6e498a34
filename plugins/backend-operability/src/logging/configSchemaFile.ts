/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Config } from '@backstage/config';
import { loadConfigSchema, type ConfigSchema } from '@backstage/config-loader';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { getPackages } from '@manypkg/get-packages';
import {
  findSecrets,
  mergeSecretPaths,
  secretPathsOfSchema,
  type SecretPathNode,
} from './secretPaths';

/**
 * Where the container image keeps the paths of the configuration values
 * that the packages' schemas mark secret, relative to the working
 * directory (the image's /app).
 */
export const CONFIG_SCHEMA_FILE = 'packages/backend/secret-config-schema.json';

type SerializedSchema = ReturnType<ConfigSchema['serialize']> & {
  schemas: Array<{ path: string; value: JsonObject }>;
};

interface ConfigSchemaFile {
  /** What the schema was collected from: see {@link fingerprint}. */
  fingerprint: string;
  /**
   * Where the collected schemas put secrets ({@link secretPathsOfSchema});
   * `null` when none does.
   */
  secretPaths: SecretPathNode | null;
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
 * Collects the configuration schemas of the packages in `dir` (the
 * backend's workspaces and what they depend on, as Backstage's secret
 * enumerator does at start-up) and writes where they put secrets to
 * {@link CONFIG_SCHEMA_FILE}, as a tree in the shape of the configuration
 * ({@link secretPathsOfSchema}). Run when the container image is built
 * (`write-config-schema.cjs`); a schema error fails the build.
 */
export async function writeConfigSchemaFile(dir: string) {
  const { value, dependencies } = await fingerprint(dir);
  const collected = await loadConfigSchema({
    dependencies,
    onSchemaError: error => {
      throw error;
    },
  });
  const { schemas } = collected.serialize() as SerializedSchema;
  let secretPaths: SecretPathNode | undefined;
  let marking = 0;
  for (const schema of schemas) {
    const paths = secretPathsOfSchema(schema.value, schema.path);
    if (paths) marking += 1;
    secretPaths = mergeSecretPaths(secretPaths, paths);
  }
  const file = path.join(dir, CONFIG_SCHEMA_FILE);
  const content: ConfigSchemaFile = {
    fingerprint: value,
    secretPaths: secretPaths ?? null,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content));
  return {
    file,
    packages: dependencies.length,
    schemas: marking,
    collected: schemas.length,
  };
}

/**
 * What {@link writeConfigSchemaFile} wrote for the packages in `dir`;
 * `undefined` when there is no file (development), or it is damaged or was
 * written for other packages (both with a warning), and the caller then
 * collects the schemas as Backstage does.
 */
export async function readConfigSchemaFile(
  dir: string,
  logger: LoggerService,
): Promise<{ secretPaths?: SecretPathNode } | undefined> {
  const file = path.join(dir, CONFIG_SCHEMA_FILE);
  if (!fs.existsSync(file)) return undefined;
  let content: ConfigSchemaFile;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (
      typeof content !== 'object' ||
      !content ||
      !('secretPaths' in content)
    ) {
      throw new Error('it has no secretPaths');
    }
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
  return { secretPaths: content.secretPaths ?? undefined };
}

/**
 * The config values to redact from logs: every value the packages' schemas
 * mark `@visibility secret`, as Backstage's `createConfigSecretEnumerator`
 * finds them. In the container image the secret paths come from the file
 * written when it was built ({@link readConfigSchemaFile}), which spares
 * collecting and compiling every package's schema at each start; without a
 * usable file it is Backstage's enumerator.
 */
export async function createSecretEnumerator(options: {
  dir: string;
  logger: LoggerService;
}): Promise<(config: Config) => Iterable<string>> {
  const { dir, logger } = options;
  const fromFile = await readConfigSchemaFile(dir, logger);
  if (!fromFile) return createConfigSecretEnumerator({ logger, dir });
  return config => {
    const secrets = findSecrets(config.getOptional(), fromFile.secretPaths);
    logger.info(
      `Found ${secrets.size} new secrets in config that will be redacted`,
    );
    return secrets;
  };
}
