/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@internal/test-support';
import { percentile } from './stats';

// Does the events backend's OpenAPI validator, which runs in the portal and
// not in a bare create-app, slow the catalog's route lookup in the same
// `express-openapi-validator` code (packages/benchmarks/README.md, Findings)?
//
//   yarn workspace benchmarks probe:validator [--processes 3]
//
// Builds the catalog's and the events backend's validator metadata
// middleware from the specs the backend ships, as
// `@backstage/backend-openapi-utils` configures them, and times the catalog's
// by-name lookup in fresh processes: catalog requests only, and with one
// events-bus request after every eighth (the portal's mix in a 200-entity
// run: 12 bus requests per 100 catalog reads). The modes alternate, each in
// `--processes` processes; each process reports its last rounds.

const backendRequire = createRequire(
  path.join(repoRoot, 'packages/backend/package.json'),
);

/** A file inside a package's folder, past its `exports` map. */
function packageFile(from: NodeRequire, pkg: string, file: string) {
  const entry = from.resolve(pkg);
  const dir = entry.slice(0, entry.lastIndexOf(`/node_modules/${pkg}/`));
  return path.join(dir, 'node_modules', pkg, file);
}

const MODES = ['catalog', 'both'] as const;
type Mode = (typeof MODES)[number];

async function child(mode: Mode) {
  const utils = createRequire(
    backendRequire.resolve('@backstage/backend-openapi-utils'),
  );
  const validator = (file: string) =>
    utils(packageFile(utils, 'express-openapi-validator', file));
  const { OpenApiSpecLoader } = validator(
    'dist/framework/openapi.spec.loader.js',
  );
  const { OpenApiContext } = validator('dist/framework/openapi.context.js');
  const { applyOpenApiMetadata } = validator(
    'dist/middlewares/openapi.metadata.js',
  );
  const spec = (name: string) =>
    backendRequire(
      packageFile(
        backendRequire,
        name,
        'dist/schema/openapi/generated/router.cjs.js',
      ),
    ).spec;
  // As backend-openapi-utils' router sets it up: useRequestUrl and
  // ignoreUndocumented on.
  const middleware = async (apiDoc: object) =>
    applyOpenApiMetadata(
      new OpenApiContext(
        await new OpenApiSpecLoader({
          apiDoc: structuredClone(apiDoc),
          validateApiSpec: false,
          $refParser: { mode: 'bundle' },
        }).load(),
        undefined,
        true,
        true,
      ),
      undefined,
    );
  const catalog = await middleware(spec('@backstage/plugin-catalog-backend'));
  const events = await middleware(spec('@backstage/plugin-events-backend'));
  const app = { enabled: () => false };
  const request = (url: string) => ({
    url,
    originalUrl: url,
    path: url,
    baseUrl: '',
    method: 'GET',
    app,
  });
  const next = () => {};
  const rounds: number[] = [];
  for (let round = 0; round < 8; round++) {
    let ns = 0n;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const req = request(
        `/entities/by-name/component/default/service-${i % 1000}`,
      );
      const t0 = process.hrtime.bigint();
      catalog(req, {}, next);
      ns += process.hrtime.bigint() - t0;
      if ((req as any).openapi?.openApiRoute === undefined) {
        throw new Error('the catalog route was not found');
      }
      if (mode === 'both' && i % 8 === 0) {
        events(request('/bus/v1/subscriptions/portal/events'), {}, next);
      }
    }
    rounds.push(Number(ns) / n / 1000);
  }
  // The first rounds warm up the JIT.
  console.log(JSON.stringify(rounds.slice(3)));
}

function main(processes: number) {
  const results: Record<string, number[]> = { catalog: [], both: [] };
  for (let i = 0; i < processes; i++) {
    for (const mode of MODES) {
      const out = spawnSync(
        process.execPath,
        [...process.execArgv, __filename, '--child', mode],
        { encoding: 'utf8' },
      );
      if (out.status !== 0) {
        throw new Error(
          `the ${mode} process failed (exit ${out.status}): ${out.stderr}`,
        );
      }
      results[mode].push(...JSON.parse(out.stdout.trim()));
    }
  }
  for (const [mode, rounds] of Object.entries(results)) {
    console.log(
      `${
        mode === 'catalog'
          ? 'catalog requests only'
          : 'with the events validator'
      }: catalog by-name lookup p50 ${percentile(rounds, 50).toFixed(
        2,
      )} µs, min ${Math.min(...rounds).toFixed(2)}, max ${Math.max(
        ...rounds,
      ).toFixed(2)} (${rounds.length} rounds of 50,000)`,
    );
  }
}

const { values } = parseArgs({
  options: {
    processes: { type: 'string', default: '3' },
    child: { type: 'string' },
  },
});
try {
  if (values.child !== undefined) {
    if (!MODES.includes(values.child as Mode)) {
      throw new Error(`--child must be catalog or both, got '${values.child}'`);
    }
    child(values.child as Mode).catch(error => {
      console.error(error);
      process.exit(1);
    });
  } else {
    const processes = Number(values.processes);
    if (!Number.isInteger(processes) || processes < 1) {
      throw new Error(
        `--processes must be a whole number above 0, got '${values.processes}'`,
      );
    }
    main(processes);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
