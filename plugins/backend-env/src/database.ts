/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Client, ClientConfig } from 'pg';

/** `backend.database` as the config has it (only what the probe needs). */
export interface DatabaseSettings {
  client?: string;
  connection?: string | Record<string, unknown>;
}

function describe(settings: ClientConfig): string {
  if (settings.connectionString) {
    try {
      const u = new URL(settings.connectionString);
      return `${u.hostname}:${u.port || 5432}`;
    } catch {
      return 'the configured connection string';
    }
  }
  return `${settings.host ?? 'localhost'}:${settings.port ?? 5432}`;
}

/**
 * node-postgres settings for the server's maintenance database (`postgres`
 * unless the connection names one), the one the backend creates its own
 * plugin databases through.
 */
export function maintenanceClientConfig(
  connection: DatabaseSettings['connection'],
): ClientConfig {
  if (typeof connection === 'string') return { connectionString: connection };
  return {
    ...(connection as ClientConfig),
    port: connection?.port !== undefined ? Number(connection.port) : undefined,
    database: (connection?.database as string | undefined) ?? 'postgres',
  };
}

/**
 * Tries one connection to the PostgreSQL server the backend will use.
 * Resolves with `undefined` when it answers, or with a one-line reason that
 * names the server and the error but never the password.
 */
export async function probeDatabase(
  settings: DatabaseSettings,
  timeoutMs = 5000,
): Promise<string | undefined> {
  if (settings.client !== 'pg' && settings.client !== 'postgres') {
    return undefined; // SQLite is a file: nothing to wait for
  }
  const connection = settings.connection;
  const config = maintenanceClientConfig(connection);
  const password =
    typeof connection === 'string'
      ? safeUrl(connection)?.password
      : (connection?.password as string | undefined);
  const client = new Client({ ...config, connectionTimeoutMillis: timeoutMs });
  // A server that goes away mid-probe emits 'error' on the client.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    let detail = e.message || e.code || String(error);
    if (password) detail = detail.split(password).join('***');
    return `cannot connect to PostgreSQL at ${describe(config)} (${detail})`;
  } finally {
    await client.end().catch(() => {});
  }
}

function safeUrl(value: string) {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
