/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/**
 * The `@backstage/create-app` version that belongs to each Backstage
 * release: its own dist pins the release's package versions (for 0.9.2:
 * `@backstage/backend-defaults` 0.18.0, `@backstage/plugin-catalog` 2.0.9,
 * as our root `resolutions`) and it writes `backstage.json` with that
 * release, which the build checks.
 */
export const CREATE_APP_FOR_RELEASE: Record<string, string> = {
  '1.55.0': '0.9.2',
};

export function createAppVersionFor(release: string): string {
  const version = CREATE_APP_FOR_RELEASE[release];
  if (!version) {
    throw new Error(
      `No @backstage/create-app version is known for Backstage ${release} (known: ${Object.keys(
        CREATE_APP_FOR_RELEASE,
      ).join(
        ', ',
      )}); add it to CREATE_APP_FOR_RELEASE in packages/benchmarks/src/baseline/cache.ts`,
    );
  }
  return version;
}

/** JSON with object keys sorted at every level, so equal data hashes equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b, 'en'));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface BaselineIdentity {
  /** Backstage release, from the repository's backstage.json. */
  release: string;
  createAppVersion: string;
  /** The repository's root `resolutions`, copied into the bare app. */
  resolutions: Record<string, string>;
  /** Node.js ABI (`process.versions.modules`): native addons are built for it. */
  nodeAbi: string;
}

/**
 * `<release>-<12 hex digits>`: a new bare app is built whenever the release,
 * the create-app version, our resolutions or the Node.js ABI change; the
 * order of the resolutions does not matter.
 */
export function baselineCacheKey(id: BaselineIdentity): string {
  if (!/^\d+\.\d+\.\d+$/.test(id.release)) {
    throw new Error(`release must look like 1.55.0, got '${id.release}'`);
  }
  const hash = createHash('sha256')
    .update(
      stableJson({
        createApp: id.createAppVersion,
        resolutions: id.resolutions,
        nodeAbi: id.nodeAbi,
      }),
    )
    .digest('hex')
    .slice(0, 12);
  return `${id.release}-${hash}`;
}

/**
 * Where bare apps are kept: `$LAUNCHPAD_BENCH_BASELINE_DIR`, or
 * `$XDG_CACHE_HOME/launchpad/bench-baseline`, or
 * `~/.cache/launchpad/bench-baseline`. Outside the repository, so neither
 * git nor the workspace globs see it.
 */
export function baselineCacheRoot(
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  if (env.LAUNCHPAD_BENCH_BASELINE_DIR) {
    return path.resolve(env.LAUNCHPAD_BENCH_BASELINE_DIR);
  }
  const cache = env.XDG_CACHE_HOME || path.join(home, '.cache');
  return path.join(cache, 'launchpad', 'bench-baseline');
}

/**
 * The bare app's root package.json with our resolutions: theirs kept, ours
 * winning where both name a package.
 */
export function withResolutions(
  pkg: Record<string, unknown>,
  resolutions: Record<string, string>,
): Record<string, unknown> {
  const theirs = (pkg.resolutions ?? {}) as Record<string, string>;
  return { ...pkg, resolutions: { ...theirs, ...resolutions } };
}
