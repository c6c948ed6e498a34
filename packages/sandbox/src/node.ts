/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Why `yarn start` refuses this Node version, or undefined when package.json's
 * `engines.node` (major versions joined by `||`, e.g. "22 || 24") allows it.
 */
export function unsupportedNode(
  version: string,
  engines: string | undefined,
): string | undefined {
  if (!engines) return undefined;
  const majors = engines.split('||').map(m => m.trim());
  const major = version.replace(/^v/, '').split('.')[0];
  if (majors.includes(major)) return undefined;
  return `Node ${version.replace(
    /^v/,
    '',
  )} is not supported: use Node ${majors.join(
    ' or ',
  )} (engines.node in package.json; .nvmrc says which one CI uses)`;
}
