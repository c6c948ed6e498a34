/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorResponseBody, stringifyError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import {
  DatabaseTarget,
  isDatabaseUnavailableError,
} from '../database/unavailable';

/** What every caller gets while the database is unreachable. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The portal cannot reach its database right now. Nothing was changed; try again in a few seconds.';

/**
 * Logs a database outage at a bounded rate: the first failed request at
 * once (with the driver's error, which names the server), then at most one
 * line per window with the number of requests answered 503 since the last
 * line. Shared by every plugin's router, so the bound holds per process.
 */
export class DatabaseOutageLog {
  private readonly logger: LoggerService;
  private readonly windowMs: number;
  private readonly now: () => number;
  private lastLineAt: number | undefined;
  private unreported = 0;
  private plugins = new Set<string>();

  constructor(options: {
    logger: LoggerService;
    windowMs?: number;
    now?: () => number;
  }) {
    this.logger = options.logger;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  record(error: unknown, pluginId: string) {
    this.unreported += 1;
    this.plugins.add(pluginId);
    const now = this.now();
    const quietFor =
      this.lastLineAt === undefined ? Infinity : now - this.lastLineAt;
    if (quietFor < this.windowMs) return;
    const detail = stringifyError(error);
    const first = quietFor >= 2 * this.windowMs;
    this.logger.error(
      first
        ? `The database is unavailable: API requests get 503 with Retry-After until it answers again (${detail})`
        : `The database is still unavailable: ${
            this.unreported
          } API requests answered 503 in the last ${Math.round(
            quietFor / 1000,
          )} s (${detail})`,
      {
        type: 'databaseUnavailable',
        requests: this.unreported,
        plugins: [...this.plugins].sort().join(','),
      },
    );
    this.lastLineAt = now;
    this.unreported = 0;
    this.plugins = new Set();
  }
}

/**
 * Express error handler for a plugin's router, placed before Backstage's own
 * error handler: an error that means the database cannot be reached
 * ({@link isDatabaseUnavailableError}) is answered `503` with
 * `Retry-After` and a plain message in Backstage's error body shape, never
 * the driver's text (which names the database host and port); the outage is
 * logged through {@link DatabaseOutageLog}. Any other error goes on to
 * Backstage's handler unchanged.
 */
export function databaseUnavailableHandler(options: {
  pluginId: string;
  target?: DatabaseTarget;
  outageLog: DatabaseOutageLog;
  retryAfterSeconds?: number;
}): ErrorRequestHandler {
  const retryAfter = String(options.retryAfterSeconds ?? 5);
  return (error, req, res, next) => {
    if (!isDatabaseUnavailableError(error, options.target)) {
      next(error);
      return;
    }
    options.outageLog.record(error, options.pluginId);
    if (res.headersSent) {
      next(error);
      return;
    }
    const body: ErrorResponseBody = {
      error: {
        name: 'ServiceUnavailableError',
        message: DATABASE_UNAVAILABLE_MESSAGE,
      },
      request: { method: req.method, url: req.url },
      response: { statusCode: 503 },
    };
    res.status(503).set('Retry-After', retryAfter).json(body);
  };
}
