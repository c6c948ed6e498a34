/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { freePort } from '@internal/test-support';
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_PORTS } from './sandbox';

/** A free loopback port for each stand-in: a sandbox beside another (tests, the benchmark). */
export async function freeSandboxPorts(): Promise<typeof SANDBOX_PORTS> {
  return {
    github: await freePort(),
    argocd: await freePort(),
    kubernetes: await freePort(),
  };
}

/**
 * Copies the config `files` (relative to `rootDir`) into `outDir`, pointed at
 * stand-ins on `ports` instead of the sandbox's own (`localhost:3300`, …).
 * With `absolutePaths`, the `../../` of catalog locations and data folders
 * (which the backend resolves from `packages/backend`) becomes `rootDir`, for
 * a backend started with another working directory. Returns the written
 * files, in order.
 */
export function writeConfigForPorts(options: {
  files: string[];
  rootDir: string;
  outDir: string;
  ports: typeof SANDBOX_PORTS;
  absolutePaths?: boolean;
}): string[] {
  const { files, rootDir, outDir, ports } = options;
  fs.mkdirSync(outDir, { recursive: true });
  return files.map(file => {
    let text = fs.readFileSync(path.join(rootDir, file), 'utf8');
    for (const part of ['github', 'argocd', 'kubernetes'] as const) {
      text = text.replaceAll(
        `localhost:${SANDBOX_PORTS[part]}`,
        `localhost:${ports[part]}`,
      );
    }
    if (options.absolutePaths) {
      text = text.replaceAll('../../', `${rootDir}/`);
    }
    const out = path.join(outDir, path.basename(file));
    fs.writeFileSync(out, text);
    return out;
  });
}
