/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { cachingPermissionsServiceFactory } from './permissionsServiceFactory';

const read = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * A permission backend on loopback speaking its `POST /authorize` protocol:
 * answers ALLOW to every item and records, per request, the user the
 * calling plugin's token acts for.
 */
async function permissionBackend() {
  const askedFor: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const claims = JSON.parse(token.slice(token.indexOf('{')) || '{}');
      askedFor.push(`${req.method} ${req.url} ${claims.obo ?? claims.sub}`);
      const { items } = JSON.parse(body);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          items: items.map((i: { id: string }) => ({
            id: i.id,
            result: AuthorizeResult.ALLOW,
          })),
        }),
      );
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    askedFor,
    close: () => new Promise(r => server.close(r)),
    service: (config: object) =>
      ServiceFactoryTester.from(cachingPermissionsServiceFactory, {
        dependencies: [
          mockServices.rootConfig.factory({
            data: { permission: { enabled: true, ...config } },
          }),
          mockServices.discovery.mock({
            getBaseUrl: async () => url,
            getExternalBaseUrl: async () => url,
          }).factory,
        ],
      }).getSubject('catalog'),
  };
}

describe('cachingPermissionsServiceFactory', () => {
  const sora = mockCredentials.user('user:default/sora-choi');
  const minji = mockCredentials.user('user:default/minji-kim');
  let backend: Awaited<ReturnType<typeof permissionBackend>>;
  beforeEach(async () => {
    backend = await permissionBackend();
  });
  afterEach(() => backend.close());

  it("asks the permission backend once for a user's repeated catalog reads, and again for another user", async () => {
    const permissions = await backend.service({});
    const [first] = await permissions.authorizeConditional(
      [{ permission: read }],
      { credentials: sora },
    );
    await permissions.authorizeConditional([{ permission: read }], {
      credentials: sora,
    });
    await permissions.authorizeConditional([{ permission: read }], {
      credentials: minji,
    });
    expect(first.result).toBe(AuthorizeResult.ALLOW);
    expect(backend.askedFor).toEqual([
      'POST /authorize user:default/sora-choi',
      'POST /authorize user:default/minji-kim',
    ]);
  });

  it('asks every time with permission.conditionalDecisionCacheSeconds: 0', async () => {
    const permissions = await backend.service({
      conditionalDecisionCacheSeconds: 0,
    });
    for (let i = 0; i < 3; i++)
      await permissions.authorizeConditional([{ permission: read }], {
        credentials: sora,
      });
    expect(backend.askedFor).toHaveLength(3);
  });

  it('refuses a cache time outside 0–60 seconds', async () => {
    await expect(
      backend.service({ conditionalDecisionCacheSeconds: 600 }),
    ).rejects.toThrow(
      'permission.conditionalDecisionCacheSeconds must be between 0 and 60, got 600',
    );
  });
});
