/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { format } from 'node:util';
import { LoggerService } from '@backstage/backend-plugin-api';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** How Node prints a process warning: `(node:123) [DEP0060] DeprecationWarning: ...`. */
const NODE_WARNING = /^\(node:\d+\) (\[[A-Z0-9_]+\] )?[A-Za-z]*Warning: /;

/**
 * Sends what libraries print with `console.*` through the backend's logger,
 * so the production log stays one JSON object per line. knex, for one,
 * reports pool trouble (`Connection Error: ...`) with `console.log` and
 * offers no hook that Backstage's database service exposes.
 *
 * `console.log`/`console.info` become info lines, `warn` warn, `error`
 * error, `debug` debug; the text is formatted as `console` would. Node prints
 * its own process warnings (a dependency's deprecated API, say) with
 * `console.error`: those are warn lines, not errors. Returns a function that
 * restores the console.
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
      const text = format(...args);
      logger[
        method === 'error' && NODE_WARNING.test(text) ? 'warn' : level[method]
      ](text);
    };
  }
  return () => {
    Object.assign(console, original);
  };
}
