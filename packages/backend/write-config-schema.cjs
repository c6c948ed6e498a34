/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */

// Writes where the configuration schemas (collected from every package's
// config.d.ts) put values marked `@visibility secret` to
// packages/backend/secret-config-schema.json while the container image is
// built. At start-up the root logger walks the config along it to find the
// values it redacts, instead of collecting every package's schema again and
// compiling them (plugins/backend-operability/README.md; the time saved is
// in packages/benchmarks/README.md). The file records which packages it was
// collected from; a backend started with other packages ignores it and
// collects the schemas itself. A schema whose secrets it cannot describe
// fails the build.

const path = require('node:path');
const nodeModule = require('node:module');

const requireFromBackend = nodeModule.createRequire(
  path.join(__dirname, 'package.json'),
);
const { writeConfigSchemaFile } = requireFromBackend(
  '@internal/backend-operability',
);

const started = Date.now();
writeConfigSchemaFile(process.cwd()).then(
  ({ file, packages, schemas, collected }) =>
    console.log(
      `write-config-schema: ${schemas} of the ${collected} schemas of ${packages} packages and their dependencies mark secrets; their secret paths written in ${
        Date.now() - started
      } ms to ${file}`,
    ),
  error => {
    console.error(`write-config-schema: ${error.stack ?? error}`);
    process.exit(1);
  },
);
