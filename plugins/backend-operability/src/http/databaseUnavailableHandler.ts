/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorResponseBody, stringifyError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  DatabaseTarget,
  isDatabaseUnavailableError,
} from '../database/unavailable';

export { DATABASE_UNAVAILABLE_MESSAGE };

// How long after the last database failure an outage counts as going on.
const ACTIVE_MS = 15_000;

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
  private lastFailureAt: number | undefined;
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

  /** Whether a request failed on the database within the last 15 s. */
  isActive(): boolean {
    return (
      this.lastFailureAt !== undefined &&
      this.now() - this.lastFailureAt < ACTIVE_MS
    );
  }

  record(error: unknown, pluginId: string) {
    this.unreported += 1;
    this.plugins.add(pluginId);
    const now = this.now();
    this.lastFailureAt = now;
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
 * A user's token that could not be verified. Backstage verifies user tokens
 * against the auth backend's public keys, which live in the database; while
 * the database is down a plugin whose cached keys have expired cannot verify
 * any token, and says only this (the reason goes to its log).
 */
function isUnverifiableToken(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null;
  return (
    e?.name === 'AuthenticationError' &&
    e.message === 'Failed user token verification'
  );
}

/**
 * Express error handler for a plugin's router, placed before Backstage's own
 * error handler: an error that means the database cannot be reached
 * ({@link isDatabaseUnavailableError}) is answered `503` with
 * `Retry-After` and a plain message in Backstage's error body shape, never
 * the driver's text (which names the database host and port); the outage is
 * logged through {@link DatabaseOutageLog}. So is a user token that could
 * not be verified while requests are failing on the database (the keys to
 * verify it with are in the database): a 401 would tell the client its
 * credentials are bad when they only cannot be checked now. Any other error
 * goes on to Backstage's handler unchanged.
 */
export function databaseUnavailableHandler(options: {
  pluginId: string;
  target?: DatabaseTarget;
  outageLog: DatabaseOutageLog;
  retryAfterSeconds?: number;
}): ErrorRequestHandler {
  const retryAfter = String(options.retryAfterSeconds ?? 5);
  return (error, req, res, next) => {
    if (
      !isDatabaseUnavailableError(error, options.target) &&
      !(isUnverifiableToken(error) && options.outageLog.isActive())
    ) {
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
