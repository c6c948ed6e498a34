/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */

// Writes the configuration schemas that mark values `@visibility secret`
// (collected from every package's config.d.ts) to
// packages/backend/secret-config-schema.json while the container image is
// built. At start-up the root logger reads them to find the config values it
// redacts, instead of collecting every package's schema again and compiling
// all of them (plugins/backend-operability/README.md; the time saved is in
// packages/benchmarks/README.md). The file records which packages it was
// collected from; a backend started with other packages ignores it and
// collects the schemas itself.

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
      `write-config-schema: ${schemas} of the ${collected} schemas of ${packages} packages and their dependencies mark secrets; written in ${
        Date.now() - started
      } ms to ${file}`,
    ),
  error => {
    console.error(`write-config-schema: ${error.stack ?? error}`);
    process.exit(1);
  },
);
