/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client as PgClient } from 'pg';
import { freePort } from './ports';

const run = promisify(execFile);

/** A PostgreSQL server a test can use, with a helper to make fresh databases. */
export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Connection string of the server's `postgres` database. */
  connectionString: string;
  /** Creates an empty database (random name unless given) and returns its name. */
  createDatabase(name?: string): Promise<string>;
  /**
   * Only on a private cluster (`startPostgres({ ownCluster: true })`): stops
   * the server (fast shutdown: open connections are cut, the port closes)
   * and starts it again on the same port, for outage tests.
   */
  stopServer?(): Promise<void>;
  startServer?(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian installs the server binaries outside PATH. */
function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(v => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql; install them with `apt-get install postgresql` (.ci/run does this)',
    );
  }
  return path.join(root, versions[0], 'bin');
}

function fromUrl(url: string): TestPostgres {
  const u = new URL(url);
  const base = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    connectionString: url,
  };
  return {
    ...base,
    createDatabase: name => createDatabase(url, name),
    stop: async () => {},
  };
}

async function createDatabase(connectionString: string, name?: string) {
  const db = name ?? `test_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(db)) {
    throw new Error(`Invalid database name '${db}'`);
  }
  // Loaded when used, so importing this package stays cheap.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as { Client: typeof PgClient };
  const client = new Client({ connectionString });
  // A server that goes away emits 'error' on the client; the query rejects.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${db}`);
  } finally {
    await client.end();
  }
  return db;
}

/**
 * Starts a private PostgreSQL cluster on a free loopback port, owned by the
 * `postgres` system user when running as root (initdb refuses root), with
 * password authentication over TCP like a real deployment.
 *
 * When `PORTAL_TEST_PG_URL` is set (for example by `.ci/run`), that server is
 * used instead and `stop()` leaves it running, unless `ownCluster` asks for
 * a private cluster (a test that stops and starts the server).
 */
export async function startPostgres(
  options: { ownCluster?: boolean } = {},
): Promise<TestPostgres> {
  if (process.env.PORTAL_TEST_PG_URL && !options.ownCluster) {
    return fromUrl(process.env.PORTAL_TEST_PG_URL);
  }
  const bin = findPgBin();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-pg-'));
  const dataDir = path.join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwFile = path.join(dir, 'pw');
  fs.writeFileSync(pwFile, password);
  if (asRoot) {
    await run('chown', ['-R', 'postgres:postgres', dir]);
  }
  const exec = (cmd: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args])
      : run(path.join(bin, cmd), args);

  await exec('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwFile}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  const startServer = async () => {
    await exec('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
      'start',
    ]);
  };
  await startServer();
  const connectionString = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    connectionString,
    createDatabase: name => createDatabase(connectionString, name),
    stopServer: async () => {
      await exec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
    startServer,
    stop: async () => {
      await exec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(
        () => {},
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
