/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Command-line entry: `yarn workspace @internal/argocd-stand-in start`.
 * Configuration comes from environment variables, see ./options.ts and the README.
 */

/* eslint-disable no-console */

import { createArgoCdStandIn } from './standIn';
import { optionsFromEnv } from './options';

async function main() {
  const options = optionsFromEnv();
  const standIn = await createArgoCdStandIn({
    ...options,
    log: line => console.log(`[argocd-stand-in] ${line}`),
  });
  console.log(
    `[argocd-stand-in] listening on ${standIn.url} (data: ${
      options.dataDir
    }, projects: default${
      options.projects?.length ? `,${options.projects.join(',')}` : ''
    }, clusters: ${options
      .clusters!.map(c => `${c.name}=${c.server}`)
      .join(',')})`,
  );
  const shutdown = () => {
    standIn.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(error => {
  console.error(`[argocd-stand-in] failed to start: ${error.message}`);
  process.exit(1);
});
