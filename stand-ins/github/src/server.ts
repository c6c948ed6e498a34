import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { avatarSvg } from './avatar';
import { FaultInjector } from './faults';
import { Fixture, loadFixture } from './fixture';
import { git } from './git';
import { addGitHttpRoutes } from './gitHttp';
import { addGraphqlRoutes } from './graphqlApi';
import { makeRequest, Request, Router, sendJson, sendText } from './http';
import { addOAuthRoutes } from './oauth';
import { addRestRoutes, sendApiError } from './rest';
import { StateStore } from './state';
import { addTeamMembershipRoutes, loadTeamMembers } from './teamMemberships';
import {
  addWebhookAdminRoutes,
  WebhookDispatcher,
  WebhookOptions,
} from './webhooks';
import { World } from './world';

/** Default fixture shipped with the package. */
export const DEFAULT_FIXTURE = resolvePackagePath(
  '@internal/github-stand-in',
  'fixtures',
  'org.yaml',
);

export interface GitHubStandInOptions {
  /** Port to listen on; 0 picks a free one. Default 3300. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Directory for state.json and the bare repositories. */
  dataDir: string;
  /** Fixture file path, or an already loaded fixture. Default: fixtures/org.yaml. */
  fixture?: string | Fixture;
  /** The token the portal's `integrations.github[].token` uses. */
  integrationToken: string;
  /**
   * URL the stand-in is reached at (used in every URL it answers with).
   * Default `http://localhost:<port>`.
   */
  publicUrl?: string;
  /** Lifetime of OAuth tokens; default: they never expire (like GitHub OAuth apps). */
  oauthTokenTtlSeconds?: number;
  /** Lifetime of OAuth authorization codes; default 600 (GitHub: 10 minutes). */
  oauthCodeTtlSeconds?: number;
  /** Override the first OAuth app of the fixture. */
  oauthApp?: { clientId?: string; clientSecret?: string; callbackUrl?: string };
  /** Receives one line per request (method, path, status; never headers or tokens). */
  log?: (line: string) => void;
  /**
   * The organization webhook: signed `push`, `repository` and `membership`
   * deliveries to this URL whenever the stand-in's state changes.
   */
  webhook?: WebhookOptions;
}

export interface GitHubStandIn {
  /** Base URL, e.g. `http://localhost:3300` (web); REST at `${url}/api/v3`, GraphQL at `${url}/api/graphql`. */
  url: string;
  port: number;
  /** Loaded fixture (users, teams, org). */
  fixture: Fixture;
  /** Fault injection, same as `POST /_standin/faults`. */
  faults: FaultInjector;
  /** The organization webhook's deliveries, when `webhook` is configured. */
  webhooks?: WebhookDispatcher;
  stop(): Promise<void>;
}

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: string;
}

/** Starts the GitHub stand-in; resolves once it is listening and seeded. */
export async function createGitHubStandIn(
  options: GitHubStandInOptions,
): Promise<GitHubStandIn> {
  if (!options.integrationToken) {
    throw new Error('createGitHubStandIn: integrationToken is required');
  }
  const probe = await git(['--version']);
  if (probe.code !== 0)
    throw new Error('The GitHub stand-in needs the git CLI on PATH');

  const fixture =
    typeof options.fixture === 'object'
      ? options.fixture
      : loadFixture(options.fixture ?? DEFAULT_FIXTURE);
  if (options.oauthApp && fixture.oauthApps.length > 0) {
    const first = fixture.oauthApps[0];
    fixture.oauthApps[0] = {
      ...first,
      clientId: options.oauthApp.clientId ?? first.clientId,
      clientSecret: options.oauthApp.clientSecret ?? first.clientSecret,
      callbackUrl: options.oauthApp.callbackUrl ?? first.callbackUrl,
    };
  }
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? '127.0.0.1';

  const router = new Router();
  const faults = new FaultInjector();
  const requests: LoggedRequest[] = [];
  let world: World | undefined;
  let webhooks: WebhookDispatcher | undefined;

  const server = createServer((raw, res) => {
    void dispatch(raw, res);
  });

  async function dispatch(raw: IncomingMessage, res: ServerResponse) {
    const path = new URL(raw.url ?? '/', 'http://stand-in').pathname;
    const method = raw.method ?? 'GET';
    res.on('finish', () => {
      const entry = {
        method,
        path,
        status: res.statusCode,
        at: new Date().toISOString(),
      };
      requests.push(entry);
      if (requests.length > 2000) requests.splice(0, requests.length - 2000);
      options.log?.(`${method} ${path} ${res.statusCode}`);
    });
    if (!world) {
      sendText(res, 503, 'starting', 'text/plain');
      return;
    }
    if (path.startsWith('/api/')) {
      res.setHeader('X-GitHub-Media-Type', 'github.v3; format=json');
      res.setHeader('X-GitHub-Request-Id', randomUUID().toUpperCase());
      res.setHeader('X-RateLimit-Limit', '5000');
      res.setHeader('X-RateLimit-Remaining', '4999');
      res.setHeader('X-RateLimit-Used', '1');
      res.setHeader(
        'X-RateLimit-Reset',
        String(Math.ceil(Date.now() / 1000) + 3600),
      );
      res.setHeader(
        'X-RateLimit-Resource',
        path.startsWith('/api/graphql') ? 'graphql' : 'core',
      );
      const auth = world.authenticate(raw.headers.authorization);
      if (auth.ok)
        res.setHeader('X-OAuth-Scopes', auth.caller.scopes.join(', '));
    }
    if (
      !path.startsWith('/_standin/') &&
      faults.apply(raw, res, path) !== undefined
    )
      return;

    const m = router.match(method, path);
    if (!('handler' in m)) {
      if (path.startsWith('/api/')) {
        sendJson(res, 404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: '404',
        });
      } else {
        sendText(res, 404, 'Not Found', 'text/plain; charset=utf-8');
      }
      return;
    }
    const req = makeRequest(raw, res, m.params);
    try {
      await m.handler(req);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (path.startsWith('/api/v3/')) sendApiError(req, err);
      else if (path.startsWith('/_standin/')) {
        sendJson(res, 400, { message: (err as Error).message });
      } else {
        sendText(res, 500, 'Internal error', 'text/plain; charset=utf-8');
      }
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3300, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const url = (options.publicUrl ?? `http://localhost:${port}`).replace(
    /\/+$/,
    '',
  );

  try {
    const state = new StateStore(dataDir);
    const w = new World(
      fixture,
      state,
      dataDir,
      url,
      options.integrationToken,
      options.oauthTokenTtlSeconds,
    );
    await w.seedFixtureRepos();
    loadTeamMembers(w);
    webhooks = options.webhook
      ? new WebhookDispatcher(w, options.webhook, options.log)
      : undefined;

    // admin endpoints (not GitHub): faults, request log, health
    router.get(/^\/_standin\/health$/, req =>
      sendJson(req.res, 200, {
        status: 'ok',
        url,
        org: fixture.organization.login,
      }),
    );
    router.get(/^\/_standin\/faults$/, req =>
      sendJson(req.res, 200, faults.list()),
    );
    router.post(/^\/_standin\/faults$/, async (req: Request) => {
      const body = await req.json();
      const specs = Array.isArray(body?.faults) ? body.faults : [body];
      const added = specs.map((s: any) => faults.add(s));
      sendJson(req.res, 201, added.length === 1 ? added[0] : added);
    });
    router.delete(/^\/_standin\/faults$/, req => {
      faults.clear();
      req.res.writeHead(204);
      req.res.end();
    });
    router.get(/^\/_standin\/requests$/, req =>
      sendJson(req.res, 200, requests),
    );
    router.delete(/^\/_standin\/requests$/, req => {
      requests.length = 0;
      req.res.writeHead(204);
      req.res.end();
    });

    addWebhookAdminRoutes(router, webhooks);
    addTeamMembershipRoutes(router, w, webhooks);
    addOAuthRoutes(router, w, options.oauthCodeTtlSeconds ?? 600);
    addGraphqlRoutes(router, w);
    addRestRoutes(router, w);
    addGitHttpRoutes(router, w);

    router.get(/^\/avatars\/_team\/(?<org>[^/]+)\/(?<slug>[^/]+)$/, req => {
      const t = w.team(req.params.slug);
      if (!t || !w.isOrg(req.params.org)) {
        sendText(req.res, 404, 'Not Found', 'text/plain');
        return;
      }
      sendText(
        req.res,
        200,
        avatarSvg(`team:${t.slug}`, t.name),
        'image/svg+xml',
        {
          'Cache-Control': 'max-age=3600',
        },
      );
    });
    router.get(/^\/avatars\/(?:u\/)?(?<login>[A-Za-z0-9-]+)$/, req => {
      const login = req.params.login;
      const u = w.user(login);
      const name =
        u?.name ?? (w.isOrg(login) ? fixture.organization.name : undefined);
      if (!name) {
        sendText(req.res, 404, 'Not Found', 'text/plain');
        return;
      }
      sendText(
        req.res,
        200,
        avatarSvg(login.toLowerCase(), name),
        'image/svg+xml',
        {
          'Cache-Control': 'max-age=3600',
        },
      );
    });
    router.get(/^\/?$/, req =>
      sendText(
        req.res,
        200,
        `GitHub stand-in for ${fixture.organization.login}\nREST: ${url}/api/v3\nGraphQL: ${url}/api/graphql\n`,
        'text/plain; charset=utf-8',
      ),
    );
    world = w;
  } catch (e) {
    await new Promise(r => server.close(r));
    throw e;
  }

  return {
    url,
    port,
    fixture,
    faults,
    webhooks,
    stop: () =>
      new Promise<void>((resolveStop, reject) => {
        server.close(err => (err ? reject(err) : resolveStop()));
        server.closeAllConnections();
      }),
  };
}
