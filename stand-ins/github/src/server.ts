/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  listen,
  makeRequest,
  Router,
  sendJson,
  sendText,
} from '@internal/stand-in-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { createActionsRecorder } from './actions/recorder';
import { addActionsRoutes } from './actions/routes';
import { ActionsStore } from './actions/store';
import { addActionsSettingsRoutes } from './actions/settingsRoutes';
import { ActionsSettingsStore } from './actions/settingsStore';
import { addAdminRoutes, LoggedRequest } from './admin';
import { addAvatarRoutes } from './avatar';
import { FaultInjector } from './faults';
import { Fixture, loadFixture } from './fixture';
import { git } from './git';
import { addGitHttpRoutes } from './gitHttp';
import { addGraphqlRoutes } from './graphql/routes';
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

/** Largest request body (a push of a generated repository stays far below). */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

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
  /** How long a recorded Actions run stays `in_progress`; default 5. */
  actionsRunSeconds?: number;
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
    // GitHub reads an empty JSON body as `{}`.
    const req = makeRequest(raw, res, m.params, {
      bodyLimit: MAX_BODY_BYTES,
      emptyJson: {},
    });
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

  const { port, stop } = await listen(
    (raw, res) => {
      void dispatch(raw, res);
    },
    { port: options.port ?? 3300, host },
  );
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

    addAdminRoutes(router, {
      url,
      org: fixture.organization.login,
      faults,
      requests,
    });
    addWebhookAdminRoutes(router, webhooks);
    addTeamMembershipRoutes(router, w, webhooks);
    addOAuthRoutes(router, w, options.oauthCodeTtlSeconds ?? 600);
    addGraphqlRoutes(router, w);
    addRestRoutes(router, w);
    addGitHttpRoutes(router, w);
    const actions = new ActionsStore(dataDir);
    const settings = await ActionsSettingsStore.open(dataDir);
    w.pushListeners.push(
      createActionsRecorder(w, actions, {
        runDurationMs: (options.actionsRunSeconds ?? 5) * 1000,
        settings,
      }),
    );
    addActionsRoutes(router, w, actions);
    addActionsSettingsRoutes(router, w, settings);

    addAvatarRoutes(router, w);
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
    await stop();
    throw e;
  }

  return {
    url,
    port,
    fixture,
    faults,
    webhooks,
    stop,
  };
}
