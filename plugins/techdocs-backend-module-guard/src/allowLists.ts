/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { InputError } from '@backstage/errors';

/**
 * Checks a configured allow list against the names the guard never allows
 * (with why): configuring one is a mistake to fix rather than to ignore, so
 * the backend does not start.
 *
 * @param setting - the config key, e.g. `techdocs.guard.allowedPlugins`
 * @param noun - what a name is, singular and plural: `['plugin', 'plugins']`
 * @param reasonOf - why a name is never allowed, or undefined
 */
export function assertNoneNeverAllowed(
  setting: string,
  [one, many]: [string, string],
  allowed: string[],
  reasonOf: (name: string) => string | undefined,
): void {
  const refused = allowed.flatMap(name => {
    const reason = reasonOf(name);
    return reason ? [`'${name}' (${reason})`] : [];
  });
  if (refused.length > 0) {
    const article = /^[aeiou]/.test(one) ? 'an' : 'a';
    throw new InputError(
      `${setting} lists ${
        refused.length > 1 ? many : `${article} ${one}`
      } the TechDocs guard never allows: ${refused.join('; ')}. Remove ${
        refused.length > 1 ? 'them' : 'it'
      } from the list`,
    );
  }
}
