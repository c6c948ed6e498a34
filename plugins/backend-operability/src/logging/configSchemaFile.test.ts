/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import yaml from 'js-yaml';
import { createConfigSecretEnumerator } from '@backstage/backend-defaults/rootConfig';
import { loadConfigSchema } from '@backstage/config-loader';
import { getPackages } from '@manypkg/get-packages';
import {
  CONFIG_SCHEMA_FILE,
  createSecretEnumerator,
  readConfigSchemaFile,
  writeConfigSchemaFile,
} from './configSchemaFile';

const repoRoot = path.resolve(__dirname, '../../../..');

// A workspace like the image's /app: workspace packages named after real
// packages of this repository, so config-loader collects their schemas and
// their dependencies' schemas.
function workspace(packages: Record<string, string>, version = '0.1.0') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-schema-'));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'root', private: true, workspaces: ['*/*'] }),
  );
  for (const [folder, name] of Object.entries(packages)) {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(
      path.join(dir, folder, 'package.json'),
      JSON.stringify({ name, version }),
    );
  }
  fs.writeFileSync(path.join(dir, 'yarn.lock'), '# lockfile v1\n');
  return dir;
}

// The production config files the image loads, every ${VAR} given a value
// of its own, so each secret in them is a distinct string.
function productionConfig() {
  const files = [
    'app-config.yaml',
    'app-config.production.yaml',
    'app-config.production.github-app.yaml',
    'app-config.production.repository-ci.yaml',
  ];
  const substitute = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(
        /\$\{(\w+)(:-[^}]*)?\}/g,
        (_, name) => `value-of-${name}`,
      );
    }
    if (Array.isArray(value)) return value.map(substitute);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, substitute(v)]),
      );
    }
    return value;
  };
  return ConfigReader.fromConfigs(
    files.map(file => ({
      context: file,
      data: substitute(
        yaml.load(fs.readFileSync(path.join(repoRoot, file), 'utf8')),
      ) as JsonObject,
    })),
  );
}

// A configuration with a value at every path the schemas declare, each
// string distinct: every branch of an anyOf, two elements per array, and a
// key of its own where a schema allows any key.
function everyDeclaredPath(schemas: JsonObject[]): JsonObject {
  let n = 0;
  const merge = (a: unknown, b: unknown): unknown => {
    if (isPlain(a) && isPlain(b)) {
      const out: Record<string, unknown> = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
      return out;
    }
    return a === undefined ? b : a;
  };
  const sample = (node: unknown, root: JsonObject, depth: number): unknown => {
    if (!isPlain(node) || depth > 12) return undefined;
    if (typeof node.$ref === 'string') {
      const target = node.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>((t, k) => (isPlain(t) ? t[k] : undefined), root);
      return sample(target, root, depth + 1);
    }
    let out: unknown;
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      for (const sub of (node[key] as unknown[]) ?? []) {
        out = merge(out, sample(sub, root, depth + 1));
      }
    }
    if (isPlain(node.properties) || isPlain(node.additionalProperties)) {
      const obj: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node.properties ?? {})) {
        const value = sample(v, root, depth + 1);
        if (value !== undefined) obj[k] = value;
      }
      const extra = sample(node.additionalProperties, root, depth + 1);
      if (extra !== undefined) obj[`extra${(n += 1)}`] = extra;
      return merge(out, obj);
    }
    if (isPlain(node.items)) {
      const items = [1, 2].map(() => sample(node.items, root, depth + 1));
      return items.every(i => i === undefined) ? out : items;
    }
    if (out !== undefined) return out;
    const types = [node.type].flat();
    if (types.includes('number') || types.includes('integer')) return 7;
    if (types.includes('boolean')) return true;
    return `value-${(n += 1)}`;
  };
  return schemas.reduce<JsonObject>(
    (config, schema) => merge(config, sample(schema, schema, 0)) as JsonObject,
    {},
  );
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function warnings(logger: ReturnType<typeof mockServices.logger.mock>) {
  return (logger.warn as jest.Mock).mock.calls.map(c => String(c[0]));
}

describe('the configuration schema written at image build', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const fresh = (packages: Record<string, string>) => {
    const d = workspace(packages);
    dirs.push(d);
    return d;
  };
  const argoCdNode = { 'plugins/argocd-node': '@internal/plugin-argocd-node' };

  it("finds exactly the secrets of the production config that the backend's collected schema finds", async () => {
    const dir = fresh({ 'packages/backend': 'backend' });
    const written = await writeConfigSchemaFile(dir);
    expect(written.file).toBe(path.join(dir, CONFIG_SCHEMA_FILE));
    expect(written.packages).toBe(1);
    // Some of the collected schemas mark secrets, not all.
    expect(written.schemas).toBeGreaterThan(5);
    expect(written.schemas).toBeLessThan(written.collected);

    const logger = mockServices.logger.mock();
    await expect(readConfigSchemaFile(dir, logger)).resolves.toEqual({
      secretPaths: expect.objectContaining({ props: expect.any(Object) }),
    });
    expect(warnings(logger)).toEqual([]);

    const config = productionConfig();
    const fromFile = await createSecretEnumerator({ logger, dir });
    const collected = await createConfigSecretEnumerator({ logger, dir });
    const secrets = [...fromFile(config)].sort();
    expect(secrets).toEqual([...collected(config)].sort());
    // Among them the ones a leak would hurt most.
    expect(secrets).toEqual(
      expect.arrayContaining([
        'value-of-AUTH_GITHUB_CLIENT_SECRET',
        'value-of-ARGOCD_TOKEN',
        'value-of-POSTGRES_PASSWORD',
        'value-of-PORTAL_API_TOKEN',
      ]),
    );
    expect(secrets).not.toContain('value-of-POSTGRES_HOST');
    expect(warnings(logger)).toEqual([]);
  }, 120_000);

  it('finds what the collected schema finds at every path any package declares', async () => {
    const dir = fresh({ 'packages/backend': 'backend' });
    await writeConfigSchemaFile(dir);
    // The schemas of the backend's packages as config-loader collects them.
    const { packages } = await getPackages(dir);
    const schema = await loadConfigSchema({
      dependencies: packages.map(p => p.packageJson.name),
    });
    const { schemas } = schema.serialize() as {
      schemas: Array<{ value: JsonObject }>;
    };
    const config = new ConfigReader(
      everyDeclaredPath(schemas.map(s => s.value)),
    );
    const logger = mockServices.logger.mock();
    const fromFile = await createSecretEnumerator({ logger, dir });
    const collected = await createConfigSecretEnumerator({
      logger,
      dir,
      schema,
    });
    const secrets = [...fromFile(config)].sort();
    expect(secrets).toEqual([...collected(config)].sort());
    // Every package's secrets are in there (133 today).
    expect(secrets.length).toBeGreaterThan(60);
  }, 120_000);

  it('is ignored, with a warning, when the packages changed since', async () => {
    const dir = fresh(argoCdNode);
    await writeConfigSchemaFile(dir);
    fs.writeFileSync(
      path.join(dir, 'plugins/argocd-node/package.json'),
      JSON.stringify({
        name: '@internal/plugin-argocd-node',
        version: '0.2.0',
      }),
    );
    const logger = mockServices.logger.mock();
    await expect(readConfigSchemaFile(dir, logger)).resolves.toBeUndefined();
    expect(warnings(logger)).toEqual([
      `${CONFIG_SCHEMA_FILE} was written for other packages; collecting the configuration schema from the packages instead`,
    ]);

    // The lockfile counts too: the same workspaces with other dependencies.
    await writeConfigSchemaFile(dir);
    fs.appendFileSync(path.join(dir, 'yarn.lock'), 'other@1.0.0:\n');
    await expect(readConfigSchemaFile(dir, logger)).resolves.toBeUndefined();
  }, 60_000);

  it('is not required: without the file, or with a damaged or older one, the schema is collected', async () => {
    const dir = fresh(argoCdNode);
    const logger = mockServices.logger.mock();
    await expect(readConfigSchemaFile(dir, logger)).resolves.toBeUndefined();
    expect(warnings(logger)).toEqual([]);

    fs.mkdirSync(path.join(dir, 'packages/backend'), { recursive: true });
    fs.writeFileSync(path.join(dir, CONFIG_SCHEMA_FILE), '{"fingerprint":');
    await expect(readConfigSchemaFile(dir, logger)).resolves.toBeUndefined();
    expect(warnings(logger)).toEqual([
      expect.stringMatching(
        /^packages\/backend\/secret-config-schema\.json cannot be read \(SyntaxError: .*\); collecting the configuration schema from the packages instead$/,
      ),
    ]);

    // The format of earlier images: the schemas themselves.
    fs.writeFileSync(
      path.join(dir, CONFIG_SCHEMA_FILE),
      JSON.stringify({ fingerprint: 'x', schema: { schemas: [] } }),
    );
    await expect(readConfigSchemaFile(dir, logger)).resolves.toBeUndefined();
    expect(warnings(logger)[1]).toBe(
      `${CONFIG_SCHEMA_FILE} cannot be read (Error: it has no secretPaths); collecting the configuration schema from the packages instead`,
    );
  });
});
