/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import net from 'node:net';
import { ConfigReader } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import knexFactory from 'knex';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailableError,
  readDatabaseTarget,
} from './unavailable';

async function closedPort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The error a plugin's query gets from knex when PostgreSQL is not there. */
async function knexError(port: number, acquireConnectionTimeout = 10_000) {
  const knex = knexFactory({
    client: 'pg',
    connection: { host: '127.0.0.1', port, user: 'u', password: 'p' },
    acquireConnectionTimeout,
    // knex would print "Acquire connection error" with console.log.
    log: { warn: () => {}, error: () => {} },
  });
  try {
    return await knex.raw('select 1').then(
      () => undefined,
      e => e,
    );
  } finally {
    await knex.destroy();
  }
}

describe('readDatabaseTarget', () => {
  it('reads host and port from an object or a connection string, nothing for SQLite', () => {
    const read = (database: object) =>
      readDatabaseTarget(new ConfigReader({ backend: { database } }));
    expect(
      read({ client: 'pg', connection: { host: 'db.internal', port: '6543' } }),
    ).toEqual({ host: 'db.internal', port: 6543 });
    expect(read({ client: 'pg', connection: { host: 'db.internal' } })).toEqual(
      { host: 'db.internal', port: 5432 },
    );
    expect(
      read({ client: 'pg', connection: 'postgres://u:p@db.internal:7000/x' }),
    ).toEqual({ host: 'db.internal', port: 7000 });
    expect(read({ client: 'better-sqlite3', connection: ':memory:' })).toBe(
      undefined,
    );
  });
});

describe('isDatabaseUnavailableError', () => {
  it('recognizes a refused PostgreSQL connection as knex reports it', async () => {
    const port = await closedPort();
    const error = await knexError(port);
    expect(error).toBeDefined();
    expect(isDatabaseUnavailableError(error, { host: '127.0.0.1', port })).toBe(
      true,
    );
    // Towards another port it is somebody else's socket error.
    expect(
      isDatabaseUnavailableError(error, { host: 'db.internal', port: 5432 }),
    ).toBe(false);
  });

  it('recognizes knex giving up on a connection, and errors wrapped around it', () => {
    const timeout = Object.assign(
      new Error(
        'Knex: Timeout acquiring a connection. The pool is probably full.',
      ),
      { name: 'KnexTimeoutError' },
    );
    expect(isDatabaseUnavailableError(timeout)).toBe(true);
    expect(
      isDatabaseUnavailableError(
        new Error('Failed to read', { cause: timeout }),
      ),
    ).toBe(true);
  });

  it('recognizes PostgreSQL shutting down, starting or full, not other SQL errors', () => {
    class DatabaseError extends Error {
      constructor(message: string, readonly code: string) {
        super(message);
      }
    }
    const target = { host: 'db', port: 5432 };
    for (const code of ['57P01', '57P03', '08006', '53300']) {
      expect(
        isDatabaseUnavailableError(new DatabaseError('x', code), target),
      ).toBe(true);
    }
    expect(
      isDatabaseUnavailableError(
        new DatabaseError(
          'duplicate key value violates unique constraint',
          '23505',
        ),
        target,
      ),
    ).toBe(false);
    expect(
      isDatabaseUnavailableError(
        new Error('Connection terminated unexpectedly'),
        target,
      ),
    ).toBe(true);
  });

  it("recognizes another plugin's answer that the database is unavailable", async () => {
    const answer = (message: string) =>
      ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'ServiceUnavailableError', message },
            request: { method: 'POST', url: '/authorize' },
            response: { statusCode: 503 },
          }),
          { status: 503, headers: { 'content-type': 'application/json' } },
        ),
      );
    expect(
      isDatabaseUnavailableError(await answer(DATABASE_UNAVAILABLE_MESSAGE)),
    ).toBe(true);
    // Another service's 503 is its own.
    expect(
      isDatabaseUnavailableError(await answer('Argo CD is unavailable')),
    ).toBe(false);
  });

  it('leaves a failed call to another service alone', async () => {
    const dbPort = await closedPort();
    const otherPort = await closedPort();
    const error = await fetch(`http://127.0.0.1:${otherPort}/`).catch(e => e);
    expect(error.cause?.code).toBe('ECONNREFUSED');
    expect(
      isDatabaseUnavailableError(error, { host: '127.0.0.1', port: dbPort }),
    ).toBe(false);
    expect(isDatabaseUnavailableError(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailableError('a string')).toBe(false);
  });
});
