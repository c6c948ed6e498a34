/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { format } from 'node:util';
import { LoggerService } from '@backstage/backend-plugin-api';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Sends what libraries print with `console.*` through the backend's logger,
 * so the production log stays one JSON object per line. knex, for one,
 * reports pool trouble (`Connection Error: ...`) with `console.log` and
 * offers no hook that Backstage's database service exposes.
 *
 * `console.log`/`console.info` become info lines, `warn` warn, `error`
 * error, `debug` debug; the text is formatted as `console` would. Returns a
 * function that restores the console.
 */
export function routeConsoleToLogger(logger: LoggerService): () => void {
  const original = Object.fromEntries(
    METHODS.map(m => [m, console[m]]),
  ) as Pick<Console, (typeof METHODS)[number]>;
  const level = {
    log: 'info',
    info: 'info',
    warn: 'warn',
    error: 'error',
    debug: 'debug',
  } as const;
  for (const method of METHODS) {
    console[method] = (...args: unknown[]) => {
      logger[level[method]](format(...args));
    };
  }
  return () => {
    Object.assign(console, original);
  };
}
