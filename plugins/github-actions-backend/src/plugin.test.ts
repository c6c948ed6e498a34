/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// The runs route through a real test backend: default auth policy, the
// caller's credentials forwarded to the catalog, GitHub behind msw.

import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { githubActionsPlugin } from './plugin';
import { component, workflowRun } from './__testUtils__/fixtures';

const GHE_TOKEN = 'ghe-secret-token-4c1d9e';
const COM_TOKEN = 'ghp_com-secret-token-77aa02';
const GHE_API = 'https://ghe.example.test/api/v3';
const SOURCE = 'url:https://ghe.example.test/acme';

const entities = [
  component('shop-api', {
    'github.com/project-slug': 'acme/shop-api',
    'backstage.io/source-location': `${SOURCE}/shop-api/tree/trunk/`,
  }),
  component('public-lib', { 'github.com/project-slug': 'octo/public-lib' }),
  component('plain-lib'),
  component('odd-slug', { 'github.com/project-slug': 'https://x/y' }),
  component('shop-gone', {
    'github.com/project-slug': 'acme/shop-gone',
    'backstage.io/managed-by-location': `${SOURCE}/shop-gone/blob/main/catalog-info.yaml`,
  }),
  component('shop-flaky', {
    'github.com/project-slug': 'acme/shop-flaky',
    'backstage.io/source-location': `${SOURCE}/shop-flaky/`,
  }),
  component('shop-busy', {
    'github.com/project-slug': 'acme/shop-busy',
    'backstage.io/source-location': `${SOURCE}/shop-busy/`,
  }),
];

const OUTSIDER = 'user:default/outsider'; // the policy hides every entity
const BLOCKED = 'user:default/blocked'; // the catalog answers 403

async function forbidden() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Forbidden' },
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    ),
  );
}

const catalog = catalogServiceMock.mock({
  getEntityByRef: jest.fn(async (ref: string | CompoundEntityRef, options) => {
    const { credentials } = options as CatalogServiceRequestOptions;
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal.userEntityRef === OUTSIDER) return undefined;
    if (principal.userEntityRef === BLOCKED) throw await forbidden();
    const { kind, namespace, name } =
      typeof ref === 'string' ? parseEntityRef(ref) : ref;
    return entities.find(
      e =>
        e.kind.toLowerCase() === kind.toLowerCase() &&
        e.metadata.namespace === namespace &&
        e.metadata.name === name,
    );
  }),
});

const githubRequests: Array<{ url: string; authorization: string | null }> = [];
const record = (req: Request) =>
  githubRequests.push({
    url: req.url,
    authorization: req.headers.get('authorization'),
  });

const worker = setupServer(
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//, () =>
    passthrough(),
  ),
  http.get(`${GHE_API}/repos/acme/:repo`, ({ request: req, params }) => {
    record(req);
    if (params.repo === 'shop-gone') {
      return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    }
    if (params.repo === 'shop-flaky') {
      return HttpResponse.text(
        `upstream connect error; request had ${req.headers.get(
          'authorization',
        )}`,
        { status: 502 },
      );
    }
    if (params.repo === 'shop-busy') {
      return HttpResponse.json(
        { message: 'API rate limit exceeded for installation.' },
        {
          status: 403,
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': '1796205600',
          },
        },
      );
    }
    return HttpResponse.json({
      full_name: `acme/${params.repo}`,
      default_branch: 'trunk',
      html_url: `https://ghe.example.test/acme/${params.repo}`,
    });
  }),
  http.get(
    `${GHE_API}/repos/acme/shop-api/actions/runs`,
    ({ request: req }) => {
      record(req);
      return HttpResponse.json({
        total_count: 14,
        workflow_runs: [
          workflowRun({
            id: 2,
            run_number: 2,
            status: 'in_progress',
            conclusion: null,
          }),
          workflowRun({ id: 1 }),
        ],
      });
    },
  ),
  http.get(
    'https://api.github.com/repos/octo/public-lib',
    ({ request: req }) => {
      record(req);
      return HttpResponse.json({
        default_branch: 'main',
        html_url: 'https://github.com/octo/public-lib',
      });
    },
  ),
  http.get(
    'https://api.github.com/repos/octo/public-lib/actions/runs',
    ({ request: req }) => {
      record(req);
      return HttpResponse.json({ total_count: 0, workflow_runs: [] });
    },
  ),
);
registerMswTestHooks(worker);

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      githubActionsPlugin,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              {
                host: 'ghe.example.test',
                apiBaseUrl: GHE_API,
                token: GHE_TOKEN,
              },
              { host: 'github.com', token: COM_TOKEN },
            ],
          },
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalog.factory,
    ],
  });
  return server;
}

const runsPath = (name: string, query = '') =>
  `/api/github-actions/entities/default/component/${name}/runs${query}`;
const asUser = (user = 'user:default/alice') =>
  mockCredentials.user.header(user);

beforeEach(() => {
  githubRequests.length = 0;
  catalog.getEntityByRef.mockClear();
});

describe('GET /api/github-actions/entities/:namespace/:kind/:name/runs', () => {
  it("returns the default branch's latest runs, read with the integration's token", async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(runsPath('shop-api', '?limit=5'))
      .set('Authorization', asUser());

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      repository: {
        slug: 'acme/shop-api',
        url: 'https://ghe.example.test/acme/shop-api',
        defaultBranch: 'trunk',
        actionsUrl: 'https://ghe.example.test/acme/shop-api/actions',
      },
      totalCount: 14,
      runs: [
        expect.objectContaining({
          id: 2,
          status: 'in_progress',
          conclusion: null,
        }),
        {
          id: 1,
          workflowName: 'ci',
          runNumber: 1,
          event: 'push',
          status: 'completed',
          conclusion: 'success',
          branch: 'trunk',
          title: 'Initial commit from the Launchpad portal',
          commit: {
            sha: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
            message: 'Initial commit from the Launchpad portal',
            url: 'https://ghe.example.test/acme/shop-api/commit/8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
          },
          actor: 'minji-park',
          createdAt: '2026-12-01T10:00:00Z',
          updatedAt: '2026-12-01T10:03:10Z',
          url: 'https://ghe.example.test/acme/shop-api/actions/runs/1',
        },
      ],
      fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(res.text).not.toContain(GHE_TOKEN);
    expect(res.text).not.toContain('full_name');
    expect(res.text).not.toContain('tree_id');

    // GitHub (the entity's host) with the server-side token ...
    expect(githubRequests.map(r => r.url)).toEqual([
      `${GHE_API}/repos/acme/shop-api`,
      `${GHE_API}/repos/acme/shop-api/actions/runs?branch=trunk&per_page=5&exclude_pull_requests=true`,
    ]);
    for (const r of githubRequests) {
      expect(r.authorization).toContain(GHE_TOKEN);
    }
    // ... and the catalog with the caller's own credentials.
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    const [, options] = catalog.getEntityByRef.mock.calls[0];
    expect(
      (options as CatalogServiceRequestOptions).credentials.principal,
    ).toMatchObject({ type: 'user', userEntityRef: 'user:default/alice' });
  });

  it('uses github.com for an entity read from no GitHub URL', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(runsPath('public-lib'))
      .set('Authorization', asUser());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ runs: [], totalCount: 0 });
    expect(githubRequests.map(r => [r.url, r.authorization])).toEqual([
      [
        'https://api.github.com/repos/octo/public-lib',
        expect.stringContaining(COM_TOKEN),
      ],
      [
        'https://api.github.com/repos/octo/public-lib/actions/runs?branch=main&per_page=10&exclude_pull_requests=true',
        expect.stringContaining(COM_TOKEN),
      ],
    ]);
  });

  it('refuses callers without a user token: 401 without a token, 403 for a service', async () => {
    const server = await startBackend();
    expect((await request(server).get(runsPath('shop-api'))).status).toBe(401);
    const invalid = await request(server)
      .get(runsPath('shop-api'))
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(invalid.status).toBe(401);
    const service = await request(server)
      .get(runsPath('shop-api'))
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
    expect(githubRequests).toEqual([]);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('answers 403 for an entity the catalog hides from the caller, 404 for one that does not exist', async () => {
    const server = await startBackend();
    const hidden = await request(server)
      .get(runsPath('shop-api'))
      .set('Authorization', asUser(OUTSIDER));
    expect(hidden.status).toBe(403);
    expect(hidden.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'You are not allowed to read component:default/shop-api',
    });
    expect(hidden.text).not.toContain('acme');

    const missing = await request(server)
      .get(runsPath('no-such-thing'))
      .set('Authorization', asUser());
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No entity component:default/no-such-thing in the catalog',
    );
    expect(githubRequests).toEqual([]);
  });

  it('answers 403 when the catalog refuses the caller outright', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(runsPath('shop-api'))
      .set('Authorization', asUser(BLOCKED));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You are not allowed to read component:default/shop-api',
    );
    expect(githubRequests).toEqual([]);
  });

  it('says what to fix for an entity without a usable project slug', async () => {
    const server = await startBackend();
    const none = await request(server)
      .get(runsPath('plain-lib'))
      .set('Authorization', asUser());
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe(
      'component:default/plain-lib has no github.com/project-slug annotation. Add it to its catalog-info.yaml (owner/repository) to see its GitHub Actions runs.',
    );
    const odd = await request(server)
      .get(runsPath('odd-slug'))
      .set('Authorization', asUser());
    expect(odd.status).toBe(400);
    expect(odd.body.error.message).toBe(
      "The github.com/project-slug annotation of component:default/odd-slug is 'https://x/y', which is not a GitHub repository; write it as owner/repository, e.g. launchpad-demo/orders-api.",
    );
    const limit = await request(server)
      .get(runsPath('shop-api', '?limit=500'))
      .set('Authorization', asUser());
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toBe(
      "limit is '500'; it must be a whole number from 1 to 50",
    );
    expect(githubRequests).toEqual([]);
  });

  it('reports what GitHub said, without ever echoing the token', async () => {
    const server = await startBackend();
    const gone = await request(server)
      .get(runsPath('shop-gone'))
      .set('Authorization', asUser());
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(
      "GitHub (ghe.example.test) has no repository acme/shop-gone, or the portal's GitHub credentials may not read it. Check the github.com/project-slug annotation.",
    );

    const flaky = await request(server)
      .get(runsPath('shop-flaky'))
      .set('Authorization', asUser());
    expect(flaky.status).toBe(503);
    expect(flaky.body.error.message).toMatch(
      /^GitHub \(ghe\.example\.test\) answered 502: upstream connect error/,
    );
    expect(flaky.text).not.toContain(GHE_TOKEN);

    const busy = await request(server)
      .get(runsPath('shop-busy'))
      .set('Authorization', asUser());
    expect(busy.status).toBe(503);
    expect(busy.body.error.message).toBe(
      'GitHub (ghe.example.test) rate limit reached for the portal; try again after 2026-12-02T10:00:00.000Z',
    );
  });
});
