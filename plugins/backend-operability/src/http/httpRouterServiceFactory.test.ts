/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import net from 'node:net';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import knexFactory from 'knex';
import request from 'supertest';
import { captureLines } from '../__testUtils__/capture';
import { createRootLogger } from '../logging/rootLoggerServiceFactory';
import { DATABASE_UNAVAILABLE_MESSAGE } from './databaseUnavailableHandler';
import { httpRouterServiceFactory } from './httpRouterServiceFactory';

async function closedPort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('httpRouterServiceFactory', () => {
  it('answers 503 with Retry-After while the database is down, logs it once, and leaves other errors to Backstage', async () => {
    const dbPort = await closedPort();
    // A plugin whose queries fail the way they do when PostgreSQL is down.
    const knex = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port: dbPort, user: 'u', password: 'p' },
      log: { warn: () => {}, error: () => {} },
    });
    const inventory = createBackendPlugin({
      pluginId: 'inventory',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            const router = Router();
            router.get('/items', async (_req, res) => {
              res.json(await knex.raw('select 1'));
            });
            router.get('/boom', async () => {
              throw new Error('boom');
            });
            router.get('/missing', async () => {
              throw new NotFoundError('no such item');
            });
            // What the credentials barrier throws for a user token it
            // cannot verify (the keys are in the database).
            router.get('/unverifiable', async () => {
              throw new AuthenticationError('Failed user token verification');
            });
            router.get('/private', async (_req, res) => {
              res.json({ secret: true });
            });
            httpRouter.use(router);
            for (const path of [
              '/items',
              '/boom',
              '/missing',
              '/unverifiable',
            ]) {
              httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
            }
          },
        });
      },
    });
    const out = captureLines();
    const { server } = await startTestBackend({
      features: [
        inventory,
        httpRouterServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'pg',
                connection: { host: '127.0.0.1', port: dbPort },
              },
            },
          },
        }),
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: { config: coreServices.rootConfig },
          factory: ({ config }) =>
            createRootLogger({
              config,
              json: true,
              routeConsole: false,
              transports: [out.transport],
            }),
        }),
      ],
    });
    try {
      // A token that cannot be verified is a 401, while the database is up.
      expect(
        (await request(server).get('/api/inventory/unverifiable')).status,
      ).toBe(401);
      for (let i = 0; i < 10; i++) {
        const res = await request(server).get('/api/inventory/items');
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual({
          error: {
            name: 'ServiceUnavailableError',
            message: DATABASE_UNAVAILABLE_MESSAGE,
          },
          request: { method: 'GET', url: '/items' },
          response: { statusCode: 503 },
        });
        expect(res.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connect /);
        expect(res.text).not.toContain(String(dbPort));
      }
      // The operator's log has the driver's detail, once.
      const outage = out.json().filter(l => l.type === 'databaseUnavailable');
      expect(outage).toEqual([
        expect.objectContaining({
          level: 'error',
          plugins: 'inventory',
          requests: 1,
          message: expect.stringMatching(
            new RegExp(
              `^The database is unavailable: API requests get 503 .*ECONNREFUSED 127\\.0\\.0\\.1:${dbPort}`,
            ),
          ),
        }),
      ]);
      expect(
        out.lines.filter(l => l.includes('Request failed with status')),
      ).toEqual([]);

      // While it is down, a token that cannot be verified is a 503 as well.
      const unverifiable = await request(server).get(
        '/api/inventory/unverifiable',
      );
      expect(unverifiable.status).toBe(503);
      expect(unverifiable.headers['retry-after']).toBe('5');

      // Other errors are still Backstage's: 500 and 404, and auth is enforced.
      expect((await request(server).get('/api/inventory/boom')).status).toBe(
        500,
      );
      expect((await request(server).get('/api/inventory/missing')).status).toBe(
        404,
      );
      expect(
        (
          await request(server)
            .get('/api/inventory/private')
            .set('authorization', 'Bearer not-a-token')
        ).status,
      ).toBe(401);
    } finally {
      await knex.destroy();
    }
  });
});
