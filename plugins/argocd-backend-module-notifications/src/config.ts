/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

export interface NotifierConfig {
  enabled: boolean;
  intervalSeconds: number;
  notifyRecovery: boolean;
}

export const DEFAULT_INTERVAL_SECONDS = 60;

/** Reads `argocd.notifications` (config.d.ts); a bad value throws at start. */
export function readNotifierConfig(config: Config): NotifierConfig {
  const section = config.getOptionalConfig('argocd.notifications');
  const intervalSeconds =
    section?.getOptionalNumber('intervalSeconds') ?? DEFAULT_INTERVAL_SECONDS;
  if (!Number.isFinite(intervalSeconds) || intervalSeconds < 1) {
    throw new InputError(
      `argocd.notifications.intervalSeconds must be a number of seconds, at least 1; got ${intervalSeconds}`,
    );
  }
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? true,
    intervalSeconds,
    notifyRecovery: section?.getOptionalBoolean('notifyRecovery') ?? true,
  };
}
