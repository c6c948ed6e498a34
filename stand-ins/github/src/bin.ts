/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable no-console */
import { readEnvOptions } from './env';
import { createGitHubStandIn } from './server';

async function main() {
  const options = readEnvOptions();
  const standIn = await createGitHubStandIn({
    ...options,
    log: process.env.GITHUB_STANDIN_QUIET
      ? undefined
      : line => console.log(line),
  });
  console.log(
    `GitHub stand-in for org '${standIn.fixture.organization.login}' listening at ${standIn.url} ` +
      `(REST ${standIn.url}/api/v3, GraphQL ${standIn.url}/api/graphql), data in ${options.dataDir}`,
  );
  const shutdown = () => {
    standIn.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(err => {
  console.error(`GitHub stand-in failed to start: ${err.message}`);
  process.exit(1);
});
