/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';

/** What every caller gets while the database is unreachable. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'The portal cannot reach its database right now. Nothing was changed; try again in a few seconds.';

/** Where the backend's PostgreSQL server is, as `backend.database` says. */
export interface DatabaseTarget {
  host?: string;
  port: number;
}

/**
 * Reads the PostgreSQL server from `backend.database` (object or connection
 * string); `undefined` for SQLite, which cannot become unreachable.
 */
export function readDatabaseTarget(config: Config): DatabaseTarget | undefined {
  const client = config.getOptionalString('backend.database.client');
  if (client !== 'pg' && client !== 'postgres') return undefined;
  const connection = config.getOptional('backend.database.connection');
  if (typeof connection === 'string') {
    try {
      const url = new URL(connection);
      return { host: url.hostname, port: Number(url.port || 5432) };
    } catch {
      return { port: 5432 };
    }
  }
  const c = (connection ?? {}) as { host?: unknown; port?: unknown };
  const port = Number(c.port ?? 5432);
  return {
    host: typeof c.host === 'string' ? c.host : undefined,
    port: Number.isInteger(port) ? port : 5432,
  };
}

// Node.js socket errors that mean "no server there (now)".
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

// PostgreSQL SQLSTATEs of a server that is going away, starting or full:
// class 08 (connection exception), 57P01 admin_shutdown, 57P02
// crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;

// node-postgres' own messages for a connection that died or never came.
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^timeout exceeded when trying to connect/,
];

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  syscall?: unknown;
  port?: unknown;
  hostname?: unknown;
  cause?: unknown;
  constructor?: { name?: string };
}

/**
 * Whether an error means that the database cannot be reached right now (and
 * a request may succeed when retried later), rather than a fault of the
 * request or the code: knex timing out on a connection, node-postgres
 * losing its connection, PostgreSQL shutting down or refusing connections,
 * or a socket error towards the database's own host or port (a socket error
 * towards GitHub or Argo CD is not one). Also when another plugin of the
 * backend, called over HTTP (the permission backend, the auth backend's
 * keys), answered with {@link DATABASE_UNAVAILABLE_MESSAGE}: Backstage's
 * clients throw a `ResponseError` whose `cause` is that answer. Follows
 * `cause` chains.
 */
export function isDatabaseUnavailableError(
  error: unknown,
  target?: DatabaseTarget,
  depth = 0,
): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorShape;
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.name === 'KnexTimeoutError') return true;
  if (
    e.name === 'ServiceUnavailableError' &&
    message === DATABASE_UNAVAILABLE_MESSAGE
  ) {
    return true;
  }
  if (
    typeof e.code === 'string' &&
    PG_UNAVAILABLE.test(e.code) &&
    (e.constructor?.name === 'DatabaseError' || 'severity' in e)
  ) {
    return true;
  }
  if (target && PG_CONNECTION_MESSAGES.some(re => re.test(message))) {
    return true;
  }
  if (
    target &&
    typeof e.code === 'string' &&
    SOCKET_CODES.has(e.code) &&
    (e.port === target.port ||
      (target.host !== undefined && e.hostname === target.host))
  ) {
    return true;
  }
  return isDatabaseUnavailableError(e.cause, target, depth + 1);
}
