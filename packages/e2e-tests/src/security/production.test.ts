/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  ProductionPortal,
  startProductionPortal,
} from './__testUtils__/productionPortal';
import { eventually } from '@internal/test-support';

// What app-config.production.yaml enforces, against the real backend process
// started with it (NODE_ENV=production, PostgreSQL, the GitHub stand-in as
// GitHub): no guest, 401 without a valid token, the API token limited to
// named plugins, CORS and CSP, catalog rules against smuggled Users, Groups
// and Templates, and the UrlReader's allow list.
// config/config.test.ts checks the same files statically; this checks that
// the running backend behaves accordingly.
jest.setTimeout(300_000);

const ORG = 'launchpad-demo';
/** PORTAL_API_WRITE_TOKEN: registering locations is a write (PORTAL_API_TOKEN is read-only). */
const WRITE_TOKEN = randomBytes(24).toString('hex');

const entityYaml = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
) =>
  [
    `apiVersion: ${
      kind === 'Template'
        ? 'scaffolder.backstage.io/v1beta3'
        : 'backstage.io/v1alpha1'
    }`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...Object.entries(spec).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
  ].join('\n');

const component = (name: string) =>
  entityYaml('Component', name, {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/platform',
  });
// A team whose members would get the owners' rights, and a template that
// would run attacker-chosen steps with the portal's GitHub token.
const smuggledGroup = (name: string) =>
  entityYaml('Group', name, {
    type: 'team',
    children: [],
    members: ['olivia-outside'],
  });
const smuggledTemplate = (name: string) =>
  entityYaml('Template', name, {
    owner: 'group:default/platform',
    type: 'service',
    steps: [{ id: 'log', action: 'debug:log', input: { message: 'hi' } }],
  });
const yamlDocs = (...docs: string[]) => `${docs.join('\n---\n')}\n`;

/** A loopback HTTP server answering `routes[path]`; records every path asked for. */
async function startFileServer(
  routes: Record<string, { status: number; body?: string; location?: string }>,
) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res
      .writeHead(route.status, {
        'content-type': 'text/yaml',
        ...(route.location ? { location: route.location } : {}),
      })
      .end(route.body ?? '');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    requests,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('the production configuration, on a running backend', () => {
  let portal: ProductionPortal;
  // Two loopback servers: "trusted" (127.0.0.1:<port>, paths under /catalog/
  // added to backend.reading.allow for this test) and "outside" (reached as
  // localhost:<port>, never allowed).
  let trusted: Awaited<ReturnType<typeof startFileServer>>;
  let outside: Awaited<ReturnType<typeof startFileServer>>;

  beforeAll(async () => {
    outside = await startFileServer({
      '/catalog/component.yaml': {
        status: 200,
        body: component('from-outside'),
      },
    });
    trusted = await startFileServer({
      '/catalog/component.yaml': {
        status: 200,
        body: component('from-trusted'),
      },
      '/catalog/moved.yaml': {
        status: 302,
        location: `http://localhost:${outside.port}/catalog/component.yaml`,
      },
      '/catalog/moved-up.yaml': {
        status: 301,
        location: '/catalog/%2e%2e/private/component.yaml',
      },
      '/private/component.yaml': {
        status: 200,
        body: component('from-private'),
      },
    });
    portal = await startProductionPortal({
      repositories: [
        {
          // Discovered by the github provider: its catalog-info.yaml smuggles.
          name: 'sneaky-service',
          files: {
            'catalog-info.yaml': yamlDocs(
              component('sneaky-service'),
              smuggledGroup('platform-admins'),
              smuggledTemplate('sneaky-template'),
            ),
          },
        },
        {
          // An honest repository with one file that smuggles, registered by URL.
          name: 'team-tools',
          files: {
            'catalog-info.yaml': yamlDocs(component('team-tools')),
            'service.yaml': yamlDocs(component('team-tools-api')),
            'smuggle.yaml': yamlDocs(
              component('team-tools-worker'),
              smuggledGroup('team-tools-admins'),
              smuggledTemplate('team-tools-template'),
            ),
          },
        },
      ],
      env: {
        PORTAL_API_WRITE_TOKEN: WRITE_TOKEN,
        // Production allows no host; the test adds one with a path prefix.
        APP_CONFIG_backend_reading_allow: JSON.stringify([
          { host: `127.0.0.1:${trusted.port}`, paths: ['/catalog/'] },
        ]),
      },
    });
  });

  afterAll(async () => {
    await portal?.stop();
    await trusted?.stop();
    await outside?.stop();
  });

  /** A catalog write with PORTAL_API_WRITE_TOKEN. */
  const write = (pathname: string, init: RequestInit) =>
    fetch(`${portal.baseUrl}${pathname}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${WRITE_TOKEN}` },
    });

  const names = async (...kinds: string[]) => {
    const filters = kinds.map(k => `filter=kind=${k}`).join('&');
    const res = await portal.api(
      `/api/catalog/entities?${filters}&fields=kind,metadata.name`,
    );
    expect(res.status).toBe(200);
    return (
      (await res.json()) as Array<{ kind: string; metadata: { name: string } }>
    ).map(e => `${e.kind}:${e.metadata.name}`);
  };
  const entity = async (ref: string) => {
    const res = await portal.api(`/api/catalog/entities/by-name/${ref}`);
    return res.status === 200 ? res.json() : undefined;
  };
  const logText = () => portal.backend.logs().join('\n');
  /** The secret variables whose values appear in `text`. */
  const leakedSecrets = (text: string) =>
    [
      'PORTAL_API_TOKEN',
      'POSTGRES_PASSWORD',
      'AUTH_GITHUB_CLIENT_SECRET',
      'GITHUB_TOKEN',
      'ARGOCD_TOKEN',
    ].filter(name => text.includes(portal.env[name]));

  describe('sign-in and tokens', () => {
    it('has no guest provider; GitHub is the only way to sign in', async () => {
      for (const path of ['/api/auth/guest/refresh', '/api/auth/guest/start']) {
        const res = await fetch(`${portal.baseUrl}${path}`, {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
        });
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const github = await fetch(
        `${portal.baseUrl}/api/auth/github/start?env=production`,
        {
          redirect: 'manual',
        },
      );
      expect(github.status).toBe(302);
      expect(github.headers.get('location')).toContain(portal.github.url);
    });

    it.each([
      ['GET', '/api/catalog/entities'],
      ['GET', '/api/scaffolder/v2/tasks'],
      [
        'GET',
        '/api/scaffolder/v2/templates/default/template/fastapi-service/parameter-schema',
      ],
      ['GET', '/api/kubernetes/clusters'],
      ['GET', '/api/search/query?term=x'],
      [
        'GET',
        '/api/techdocs/metadata/techdocs/default/component/launchpad-portal',
      ],
      ['POST', '/api/catalog/locations'],
      // The event bus every replica reads (events backend).
      ['PUT', '/api/events/bus/v1/subscriptions/x'],
      ['GET', '/api/events/bus/v1/subscriptions/x/events'],
      ['POST', '/api/events/bus/v1/events'],
      // The MCP server for AI assistants (README "AI assistants (MCP)")
      ['POST', '/api/mcp-actions/v1'],
    ])(
      'answers 401 to %s %s without a token and with a random one',
      async (method, path) => {
        const forged = [
          randomBytes(24).toString('hex'),
          // A JWT with a plausible header and claims but no valid signature.
          [
            Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'x' })).toString(
              'base64url',
            ),
            Buffer.from(
              JSON.stringify({
                sub: 'user:default/minji-park',
                exp: 9999999999,
              }),
            ).toString('base64url'),
            randomBytes(32).toString('base64url'),
          ].join('.'),
        ];
        for (const token of [undefined, ...forged]) {
          const res = await fetch(`${portal.baseUrl}${path}`, {
            method,
            headers: {
              'content-type': 'application/json',
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body:
              method === 'POST'
                ? JSON.stringify({
                    type: 'url',
                    target: 'https://x.invalid/a.yaml',
                  })
                : undefined,
          });
          expect({ token: token?.slice(0, 8), status: res.status }).toEqual({
            token: token?.slice(0, 8),
            status: 401,
          });
        }
      },
    );

    it('lets PORTAL_API_TOKEN read the catalog and search only', async () => {
      // Read-only by default (accessRestrictions); writes and the other
      // plugins: src/tenancy/tokens.test.ts.
      expect((await portal.api('/api/catalog/entities?limit=1')).status).toBe(
        200,
      );
      expect((await portal.api('/api/search/query?term=x')).status).toBe(200);
      for (const path of [
        '/api/kubernetes/clusters',
        '/api/scaffolder/v2/actions',
      ]) {
        const res = await portal.api(path);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
    });
  });

  describe('browser policies', () => {
    it('allows cross-origin calls from the app origin only', async () => {
      const preflight = (origin: string) =>
        fetch(`${portal.baseUrl}/api/catalog/entities`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const own = await preflight(portal.baseUrl);
      expect(own.headers.get('access-control-allow-origin')).toBe(
        portal.baseUrl,
      );
      expect(own.headers.get('access-control-allow-credentials')).toBe('true');
      for (const origin of [
        'https://evil.example',
        `${portal.baseUrl}.evil.example`,
        'null',
      ]) {
        const res = await preflight(origin);
        expect({
          origin,
          allowed: res.headers.get('access-control-allow-origin'),
        }).toEqual({
          origin,
          allowed: null,
        });
      }
    });

    it('serves the app with a Content-Security-Policy that keeps it on its own origin', async () => {
      const res = await fetch(`${portal.baseUrl}/catalog`);
      expect(res.status).toBe(200);
      const header = res.headers.get('content-security-policy') ?? '';
      const csp = Object.fromEntries(
        header
          .split(';')
          .map(d => d.trim().split(/\s+/))
          .filter(d => d[0])
          .map(([name, ...values]) => [name, values]),
      );
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['script-src']).not.toContain("'unsafe-inline'");
      expect(csp['img-src']).toEqual([
        "'self'",
        'data:',
        'https://avatars.githubusercontent.com',
      ]);
      expect(csp['frame-ancestors']).toEqual(["'self'"]);
    });
  });

  describe('catalog rules', () => {
    it("admits Templates from the image's templates folder and Components from discovered repositories", async () => {
      await eventually(
        'the discovered repositories and the template',
        async () => {
          const all = await names('component', 'template');
          return [
            'Component:payments-api',
            'Component:team-tools',
            'Template:fastapi-service',
          ].every(n => all.includes(n))
            ? all
            : undefined;
        },
        120_000,
      );
    });

    it('refuses a discovered catalog-info.yaml that smuggles a Group and a Template, saying why', async () => {
      const refusal = await eventually(
        'the refusal in the log',
        async () => {
          const line = portal.backend
            .logs()
            .find(
              l =>
                /platform-admins|sneaky-template/.test(l) &&
                /not of an allowed kind/.test(l),
            );
          return line;
        },
        120_000,
      );
      expect(refusal).toContain(`/${ORG}/sneaky-service/`);
      expect(await entity('group/default/platform-admins')).toBeUndefined();
      expect(await entity('template/default/sneaky-template')).toBeUndefined();
      // The file is refused as a whole: its Component is not admitted either.
      expect(await entity('component/default/sneaky-service')).toBeUndefined();
      // The real platform team is untouched.
      const platform = await entity('group/default/platform');
      expect(JSON.stringify(platform ?? {})).not.toContain('olivia-outside');
    });

    it('refuses a registered location that smuggles a Group and a Template, and admits the honest one next to it', async () => {
      const blob = (file: string) =>
        `${portal.github.url}/${ORG}/team-tools/blob/main/${file}`;
      // The catalog's dry run (the "Register existing component" preview) says why.
      const dry = await write('/api/catalog/locations?dryRun=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'url', target: blob('smuggle.yaml') }),
      });
      expect(dry.status).toBe(400);
      expect(JSON.stringify(await dry.json())).toMatch(
        /group:default\/team-tools-admins .*is not of an allowed kind for that location/,
      );

      for (const file of ['smuggle.yaml', 'service.yaml']) {
        const res = await write('/api/catalog/locations', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'url', target: blob(file) }),
        });
        expect({ file, status: res.status }).toEqual({ file, status: 201 });
      }
      // The honest file from the same repository is admitted ...
      await eventually(
        'component team-tools-api',
        () => entity('component/default/team-tools-api'),
        90_000,
      );
      // ... the smuggling one is refused with the reason in the log.
      const refusal = await eventually('the refusal in the log', async () =>
        portal.backend
          .logs()
          .find(
            l => l.includes('smuggle.yaml') && /not of an allowed kind/.test(l),
          ),
      );
      expect(refusal).toMatch(/team-tools-(admins|template)/);
      expect(await entity('group/default/team-tools-admins')).toBeUndefined();
      expect(
        await entity('template/default/team-tools-template'),
      ).toBeUndefined();
      expect(
        await entity('component/default/team-tools-worker'),
      ).toBeUndefined();
      expect(await names('group')).not.toContain('Group:team-tools-admins');
    });

    it('refuses to register a file location through the API', async () => {
      const res = await write('/api/catalog/locations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'file', target: '/etc/passwd' }),
      });
      expect(res.status).toBe(400);
    });
  });

  describe('UrlReader allow list', () => {
    const dryRun = async (target: string) => {
      const res = await write('/api/catalog/locations?dryRun=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'url', target }),
      });
      return { status: res.status, body: JSON.stringify(await res.json()) };
    };
    const at = (server: { port: number }, host: string, path: string) =>
      `http://${host}:${server.port}${path}`;

    it('reads from an allowed host and path', async () => {
      const result = await dryRun(
        at(trusted, '127.0.0.1', '/catalog/component.yaml'),
      );
      expect(result.status).toBe(201);
      expect(result.body).toContain('from-trusted');
    });

    it('refuses a host outside the allow list without contacting it', async () => {
      const result = await dryRun(
        at(outside, 'localhost', '/catalog/component.yaml'),
      );
      expect(result.status).toBe(400);
      expect(result.body).toMatch(/not allowed/);
      expect(result.body).not.toContain('from-outside');
      expect(outside.requests).toEqual([]);
    });

    it('refuses an allowed URL that redirects to a host outside the list', async () => {
      const result = await dryRun(
        at(trusted, '127.0.0.1', '/catalog/moved.yaml'),
      );
      expect(result.status).toBe(400);
      expect(result.body).toMatch(/not allowed by backend\.reading\.allow/);
      expect(result.body).not.toContain('from-outside');
      expect(trusted.requests).toContain('/catalog/moved.yaml');
      expect(outside.requests).toEqual([]);
    });

    it.each([
      '/catalog/%2e%2e/private/component.yaml',
      '/catalog/%2E%2E/private/component.yaml',
      '/catalog/.%2e/private/component.yaml',
      '/catalog/moved-up.yaml',
    ])('refuses %s, which leaves the allowed path prefix', async path => {
      const result = await dryRun(at(trusted, '127.0.0.1', path));
      expect(result.status).toBe(400);
      expect(result.body).toMatch(/not allowed/);
      expect(result.body).not.toContain('from-private');
      expect(trusted.requests).not.toContain('/private/component.yaml');
    });
  });

  describe('operability', () => {
    it('writes every log line as one JSON object with timestamp, level, plugin and message', () => {
      const lines = portal.backend.logs();
      expect(lines.length).toBeGreaterThan(10);
      const notJson = lines.filter(line => {
        try {
          const e = JSON.parse(line);
          return !(
            /^\d{4}-\d\d-\d\dT/.test(e.timestamp) &&
            typeof e.level === 'string' &&
            typeof e.plugin === 'string' &&
            typeof e.message === 'string'
          );
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
    });

    it('serves metrics on their own port, with no secret in them, and not through the public port', async () => {
      const res = await fetch(portal.metricsUrl);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^# TYPE http_server_request_duration histogram$/m);
      expect(leakedSecrets(text)).toEqual([]);
      const open = await fetch(`${portal.baseUrl}/metrics`);
      expect(await open.text()).not.toContain('http_server_request_duration');
    });
  });

  it('logged no error-level line and no secret', () => {
    expect(portal.backend.errorLines()).toEqual([]);
    expect(leakedSecrets(logText())).toEqual([]);
  });
});
