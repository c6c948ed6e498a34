/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */

// Fills Node.js's compile cache (NODE_COMPILE_CACHE) while the container
// image is built, so that a new pod starts from compiled code instead of
// compiling every module of the backend's dependencies again: about 2 s of
// the backend's start-up on 2 cores (packages/benchmarks/README.md).
//
// It loads each production dependency of the backend, which is what the
// backend's index does first; it starts nothing. The cache lives inside the
// image and is keyed by Node.js version, file content and user id, so the
// runtime (same image, uid 1000, read-only root filesystem) only reads it.
// A dependency that cannot be loaded on its own is reported, not fatal.

const path = require('node:path');
const nodeModule = require('node:module');
const pkg = require('./package.json');

const dir = nodeModule.getCompileCacheDir?.();
if (!dir) {
  console.error(
    'warm-compile-cache: NODE_COMPILE_CACHE is not set (or this Node.js has no compile cache); nothing to warm',
  );
  process.exit(1);
}

const requireFromBackend = nodeModule.createRequire(
  path.join(__dirname, 'package.json'),
);
// Not loaded by the backend process: the frontend package (served as files)
// and node-gyp (builds native addons at install time).
const notLoadedAtRuntime = new Set(['app', 'node-gyp']);
const started = Date.now();
const skipped = [];
let loaded = 0;
for (const name of Object.keys(pkg.dependencies ?? {})) {
  if (notLoadedAtRuntime.has(name)) continue;
  try {
    requireFromBackend(name);
    loaded += 1;
  } catch (error) {
    skipped.push(`${name} (${error.code ?? error.message})`);
  }
}
nodeModule.flushCompileCache();
console.log(
  `warm-compile-cache: loaded ${loaded} dependencies in ${
    Date.now() - started
  } ms into ${dir}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`,
);
