/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';
import {
  ProductionPortal,
  startProductionPortal,
} from '../security/__testUtils__/productionPortal';
import {
  eventually,
  freePort,
  repoRoot,
  startBackend,
} from '@internal/test-support';

// The static API tokens of a production backend (PostgreSQL, NODE_ENV=production):
// PORTAL_API_TOKEN reads the catalog and search and nothing else;
// PORTAL_API_WRITE_TOKEN gets exactly the catalog scope the README lists; a
// placeholder value stops the backend at start.
jest.setTimeout(300_000);

const WRITE_TOKEN = randomBytes(24).toString('hex');
const ENTITY_FILE = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: token-probe
spec:
  type: service
  lifecycle: experimental
  owner: group:default/platform
`;

describe('static API tokens in production', () => {
  let portal: ProductionPortal;
  let target: string;

  beforeAll(async () => {
    portal = await startProductionPortal({
      env: {
        PORTAL_API_WRITE_TOKEN: WRITE_TOKEN,
        // Test-only: build the search index soon (production waits a
        // minute; before the first run the search engine answers 500).
        APP_CONFIG_search_collators_catalog_schedule_initialDelay:
          '{"seconds":2}',
      },
      // Not at /catalog-info.yaml, so discovery leaves it to the tokens.
      repositories: [
        { name: 'token-probe', files: { 'catalog/probe.yaml': ENTITY_FILE } },
      ],
    });
    target = `${portal.github.url}/launchpad-demo/token-probe/blob/main/catalog/probe.yaml`;
    await eventually(
      'the organization in the catalog',
      async () =>
        (
          await portal.api(
            '/api/catalog/entities/by-name/group/default/platform',
          )
        ).status === 200
          ? true
          : undefined,
      120_000,
    );
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const call = (
    token: string,
    method: string,
    pathname: string,
    body?: unknown,
  ) =>
    fetch(`${portal.baseUrl}${pathname}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const taskBody = {
    templateRef: 'template:default/fastapi-service',
    values: {
      name: 'by-token',
      owner: 'group:default/payments',
      namespace: 'payments',
    },
  };

  it('lets PORTAL_API_TOKEN read the catalog and search, and nothing else', async () => {
    const read = portal.apiToken;
    expect(
      (await call(read, 'GET', '/api/catalog/entities?limit=1')).status,
    ).toBe(200);
    expect((await call(read, 'GET', '/api/catalog/locations')).status).toBe(
      200,
    );
    const search = await eventually(
      'search results for the read token',
      async () => {
        const res = await call(read, 'GET', '/api/search/query?term=platform');
        if (res.status === 403)
          throw new Error('search refused the read token');
        const body = res.status === 200 ? await res.json() : undefined;
        return body?.results?.length ? body : undefined;
      },
      120_000,
      2000,
    );
    expect(search.results.length).toBeGreaterThan(0);

    const platform = await (
      await call(
        read,
        'GET',
        '/api/catalog/entities/by-name/group/default/platform',
      )
    ).json();
    const refused: Array<[string, string, unknown?]> = [
      ['DELETE', `/api/catalog/entities/by-uid/${platform.metadata.uid}`],
      ['POST', '/api/catalog/locations', { type: 'url', target }],
      ['POST', '/api/catalog/refresh', { entityRef: 'group:default/platform' }],
      ['POST', '/api/scaffolder/v2/tasks', taskBody],
      ['GET', '/api/scaffolder/v2/tasks'],
      ['GET', '/api/kubernetes/clusters'],
    ];
    for (const [method, pathname, body] of refused) {
      const res = await call(read, method, pathname, body);
      expect({ method, pathname, status: res.status }).toEqual({
        method,
        pathname,
        status: 403,
      });
    }
    // The refusal of another plugin names what the token may call.
    const task = await call(read, 'POST', '/api/scaffolder/v2/tasks', taskBody);
    expect((await task.json()).error.message).toBe(
      "This token's access is restricted to plugin(s) 'catalog', 'search'",
    );
    // Nothing was removed.
    expect(
      (
        await call(
          read,
          'GET',
          '/api/catalog/entities/by-name/group/default/platform',
        )
      ).status,
    ).toBe(200);
  });

  it('gives PORTAL_API_WRITE_TOKEN exactly its listed catalog scope', async () => {
    const write = WRITE_TOKEN;
    // catalog.entity.read, catalog.location.read
    expect(
      (await call(write, 'GET', '/api/catalog/entities?limit=1')).status,
    ).toBe(200);
    expect((await call(write, 'GET', '/api/catalog/locations')).status).toBe(
      200,
    );
    // catalog.entity.validate
    const validate = await call(write, 'POST', '/api/catalog/validate-entity', {
      location: `url:${target}`,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
        spec: { type: 'service', lifecycle: 'experimental', owner: 'platform' },
      },
    });
    expect(validate.status).toBe(200);
    // catalog.location.create
    const created = await call(write, 'POST', '/api/catalog/locations', {
      type: 'url',
      target,
    });
    expect(created.status).toBe(201);
    const { location } = await created.json();
    const entity = await eventually('the registered entity', async () => {
      const res = await call(
        write,
        'GET',
        '/api/catalog/entities/by-name/component/default/token-probe',
      );
      return res.status === 200 ? res.json() : undefined;
    });
    // catalog.entity.refresh
    const refresh = await call(write, 'POST', '/api/catalog/refresh', {
      entityRef: 'component:default/token-probe',
    });
    expect(refresh.status).toBe(200);
    // catalog.location.delete, catalog.entity.delete (unregister)
    expect(
      (await call(write, 'DELETE', `/api/catalog/locations/${location.id}`))
        .status,
    ).toBe(204);
    expect(
      (
        await call(
          write,
          'DELETE',
          `/api/catalog/entities/by-uid/${entity.metadata.uid}`,
        )
      ).status,
    ).toBe(204);

    // Outside the scope: analysing a repository, templates, search,
    // Kubernetes, TechDocs.
    for (const [method, pathname, body] of [
      [
        'POST',
        '/api/catalog/analyze-location',
        { location: { type: 'url', target } },
      ],
      ['POST', '/api/scaffolder/v2/tasks', taskBody],
      ['GET', '/api/scaffolder/v2/tasks'],
      ['GET', '/api/search/query?term=platform'],
      ['GET', '/api/kubernetes/clusters'],
      [
        'GET',
        '/api/techdocs/metadata/entity/default/component/launchpad-portal',
      ],
    ] as Array<[string, string, unknown?]>) {
      const res = await call(write, method, pathname, body);
      expect({ method, pathname, status: res.status }).toEqual({
        method,
        pathname,
        status: 403,
      });
    }
  });

  it('keeps the tokens out of the logs', () => {
    const logs = portal.backend.logs().join('\n');
    expect(logs).not.toContain(WRITE_TOKEN);
    expect(logs).not.toContain(portal.apiToken);
  });
});

describe('a placeholder token in production', () => {
  it('stops the backend at start, naming the token but not its value', async () => {
    const port = await freePort();
    const placeholder = 'change-me-portal-api-token';
    const backend = await startBackend({
      cwd: repoRoot,
      command: [
        process.execPath,
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
          paths: [`${repoRoot}/packages/backend`, repoRoot],
        }),
        'packages/backend/src/index.ts',
      ],
      args: ['--config', 'app-config.yaml'],
      port,
      env: {
        NODE_ENV: 'production',
        PORTAL_API_TOKEN: placeholder,
        APP_CONFIG_backend_listen: `:${port}`,
        APP_CONFIG_backend_listen_port: undefined,
        // Local defaults otherwise (SQLite in memory): only the token matters.
        APP_CONFIG_backend_database_connection: ':memory:',
      },
      waitForReady: false,
    });
    try {
      const refusal = await eventually(
        'the refusal in the log',
        async () =>
          backend
            .logs()
            .find(l => l.includes('is a placeholder (such as change-me-…)')),
        90_000,
        500,
      );
      expect(refusal).toContain(
        "The static access token for subject 'portal-api' is a placeholder (such as change-me-…), refused in production: set a random value",
      );
      // Never ready, and the value itself is nowhere in the output.
      const readiness = await fetch(
        `${backend.baseUrl}/.backstage/health/v1/readiness`,
      ).catch(() => undefined);
      expect(readiness?.status ?? 'closed').not.toBe(200);
      expect(backend.logs().join('\n')).not.toContain(placeholder);
    } finally {
      await backend.stop('SIGKILL');
    }
  });
});
