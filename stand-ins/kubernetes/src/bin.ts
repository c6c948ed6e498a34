/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Command-line entry: `yarn workspace @internal/kubernetes-stand-in start`.
 * Configuration comes from environment variables, see ./options.ts and the README.
 */

/* eslint-disable no-console */

import { createKubernetesStandIn } from './standIn';
import { optionsFromEnv } from './options';

async function main() {
  const options = optionsFromEnv();
  const standIn = await createKubernetesStandIn({
    ...options,
    log: line => console.log(`[kubernetes-stand-in] ${line}`),
  });
  console.log(
    `[kubernetes-stand-in] listening on ${standIn.url} (data: ${options.dataDir})`,
  );
  const shutdown = () => {
    standIn.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(error => {
  console.error(`[kubernetes-stand-in] failed to start: ${error.message}`);
  process.exit(1);
});
