/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import net from 'node:net';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import knexFactory, { Knex } from 'knex';
import { TestMetricReader } from '../__testUtils__/capture';
import { PoolMetrics } from './poolMetrics';

const clients: Knex[] = [];
afterAll(() => Promise.all(clients.map(c => c.destroy())));

function setup() {
  const reader = new TestMetricReader();
  const provider = new MeterProvider({ readers: [reader] });
  return { reader, pools: new PoolMetrics(provider.getMeter('test')) };
}

describe('PoolMetrics', () => {
  it('reports used, idle and waiting connections and the pool size per plugin', async () => {
    const { reader, pools } = setup();
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
      pool: { min: 0, max: 1 },
    });
    clients.push(knex);
    pools.observe('catalog', knex);
    pools.observe('catalog', knex); // a second getClient() of the same plugin

    // One transaction holds the only connection; a second query waits.
    const trx = await knex.transaction();
    const waiting = knex.raw('select 1').then(() => undefined);
    await new Promise(r => setTimeout(r, 50));
    const count = await reader.points('db.client.connection.count');
    expect(count.map(p => [p.attributes, p.value])).toEqual([
      [
        {
          'db.client.connection.pool.name': 'catalog',
          'db.client.connection.state': 'used',
        },
        1,
      ],
      [
        {
          'db.client.connection.pool.name': 'catalog',
          'db.client.connection.state': 'idle',
        },
        0,
      ],
    ]);
    const pending = await reader.points(
      'db.client.connection.pending_requests',
    );
    expect(pending.map(p => p.value)).toEqual([1]);
    const max = await reader.points('db.client.connection.max');
    expect(max.map(p => p.value)).toEqual([1]);

    await trx.commit();
    await waiting;
    const after = await reader.points('db.client.connection.count');
    expect(after.map(p => p.value)).toEqual([0, 1]);
  });

  it('counts connections that could not be opened', async () => {
    const { reader, pools } = setup();
    const port = await new Promise<number>(resolve => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    const knex = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port, user: 'u', password: 'p' },
      log: { warn: () => {}, error: () => {} },
    });
    clients.push(knex);
    pools.observe('scaffolder', knex);
    await knex.raw('select 1').catch(() => undefined);
    await knex.raw('select 1').catch(() => undefined);
    const failures = await reader.points('launchpad.db.connection.failures');
    expect(failures).toEqual([
      {
        attributes: { 'db.client.connection.pool.name': 'scaffolder' },
        value: 2,
      },
    ]);
  });
});
