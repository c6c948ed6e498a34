/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A local stand-in for the Kubernetes API server, answering the calls
 * Backstage's Kubernetes backend (and its proxy, for logs and events) makes:
 * discovery, cluster-wide and namespaced lists with label and field
 * selectors in the API's List format, single objects, pod logs, pod metrics
 * (metrics.k8s.io), and Status objects for errors (./api). Objects come from
 * `apply` (manifests, e.g. from `kubectl kustomize`) and the simulated
 * controllers (./cluster.ts, ./controllers), and are kept in a JSON file.
 */

import { InputError, isError } from '@backstage/errors';
import {
  bearerToken,
  BodyTooLargeError,
  listen,
  makeRequest,
  Router,
  sendError,
  sendJson,
  sendText,
  tokenEquals,
} from '@internal/stand-in-http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findRepoRoot } from '@internal/test-support';
import path from 'node:path';
import { createAdminRouter } from './admin';
import { StatusError } from './api/errors';
import { createApiHandler } from './api/handler';
import { Rbac } from './api/rbac';
import { ApplyOptions, Cluster, ObjectRef } from './cluster';
import { EksAuthOptions, verifyEksToken } from './eksToken';
import { renderManifests } from './manifests';
import { ObjectStore } from './store';

export const DEFAULT_PORT = 8089;
export const DEFAULT_TOKEN = 'sandbox-kubernetes-token';
export const DEFAULT_REGION = 'ap-northeast-2';
/** The identity RBAC messages name (the portal's service account). */
export const DEFAULT_USER = 'system:serviceaccount:launchpad:launchpad-portal';
/** What `/version` reports. */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.9-eks-113cf36',
  gitCommit: '0f8c1b3ba2f81b2ba06e1f8ef3a5b1b7e5a1c1d2',
  gitTreeState: 'clean',
  buildDate: '2025-10-10T00:00:00Z',
  goVersion: 'go1.23.12',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface KubernetesStandInOptions {
  /** TCP port; 0 picks a free one. Default 8089. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** The only bearer token accepted. Default `sandbox-kubernetes-token`. */
  token?: string;
  /** Where the cluster state is kept (`state.json`). Default `<repo root>/.sandbox/kubernetes`. */
  dataDir?: string;
  /** AWS region used in load balancer hostnames. Default `ap-northeast-2`. */
  region?: string;
  /** User named in 403 messages. */
  user?: string;
  /** Resources to refuse from the start, e.g. `['deployments.apps', 'pods/log']`. */
  denied?: string[];
  /** Receives one line per request (method, path, status; never headers or bodies). */
  log?: (line: string) => void;
  /**
   * Also accept Amazon EKS tokens (`k8s-aws-v1.…`, what the portal's
   * `authProvider: aws` sends) signed with these credentials for this
   * cluster, as an EKS access entry would. The static `token` stays valid for
   * the sandbox's own tools.
   */
  eks?: EksAuthOptions;
}

export interface KubernetesStandIn {
  /** Base URL, e.g. `http://127.0.0.1:8089`. */
  url: string;
  port: number;
  /**
   * Applies rendered manifests (validated first; nothing is stored when one
   * is invalid, which rejects with an InputError). `source` records who
   * applied them, e.g. the Argo CD Application name.
   */
  apply(
    objects: object[],
    source?: string,
    options?: ApplyOptions,
  ): Promise<ObjectRef[]>;
  /**
   * Renders a folder or file with {@link renderManifests} (`kubectl kustomize`
   * for a kustomization folder) and applies the result. This is what a sync
   * hook calls with a checked-out repository's overlay path.
   */
  applyDirectory(
    target: string,
    source?: string,
    options?: ApplyOptions,
  ): Promise<ObjectRef[]>;
  /** Deletes everything applied under `source`, with what controllers made from it. Returns how many applied objects went. */
  deleteBySource(source: string): Promise<number>;
  /**
   * Test hook: refuse these resources with 403 Forbidden, RBAC style.
   * Names are `plural.group` (`deployments.apps`), `plural` for the core
   * group (`pods`), or a subresource (`pods/log`). Replaces the previous set.
   */
  deny(resources: string[]): void;
  stop(): Promise<void>;
}

/** Turns whatever a handler threw into the API server's Status answer. */
function toStatus(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  if (error instanceof BodyTooLargeError) {
    return new StatusError(
      413,
      'RequestEntityTooLarge',
      'request body too large',
    );
  }
  if (isError(error) && error.name === 'InputError') {
    return new StatusError(400, 'BadRequest', error.message);
  }
  return new StatusError(
    500,
    'InternalError',
    `Internal error occurred: ${
      isError(error) ? error.message : String(error)
    }`,
  );
}

export async function createKubernetesStandIn(
  options: KubernetesStandInOptions = {},
): Promise<KubernetesStandIn> {
  const token = options.token ?? DEFAULT_TOKEN;
  const host = options.host ?? '127.0.0.1';
  const dataDir =
    options.dataDir ?? path.join(findRepoRoot(), '.sandbox', 'kubernetes');
  const log = options.log ?? (() => {});
  const store = new ObjectStore(dataDir);
  store.load();
  const cluster = new Cluster(store, options.region ?? DEFAULT_REGION);
  const rbac = new Rbac(options.user ?? DEFAULT_USER, options.denied);
  let serverAddress = '';

  // Served without a token, as the API server's are.
  const open = new Router({ headAsGet: false })
    .get(/^\/version$/, req =>
      sendJson(req.res, 200, SERVER_VERSION, {
        'Content-Type': 'application/json',
      }),
    )
    .get(/^\/(healthz|livez|readyz)$/, req =>
      sendText(req.res, 200, 'ok', 'text/plain'),
    );
  const admin = createAdminRouter({ cluster, store, rbac });
  const api = createApiHandler({
    store,
    cluster,
    rbac,
    serverAddress: () => serverAddress,
  });

  /** Accepts the static token, or (with `options.eks`) a valid EKS token. */
  const authenticate = async (raw: IncomingMessage, pathname: string) => {
    const presented = bearerToken(raw.headers.authorization) ?? '';
    const isStatic = presented !== '' && tokenEquals(presented, token);
    if (isStatic) return;
    // What EKS answers for a bad token: 401 with the generic message.
    const eksRefusal =
      options.eks && presented.startsWith('k8s-aws-v1.')
        ? await verifyEksToken(presented, options.eks)
        : 'no valid token';
    if (eksRefusal !== undefined || pathname.startsWith('/_standin/')) {
      if (eksRefusal && options.eks)
        log(`401 EKS token refused: ${eksRefusal}`);
      throw new StatusError(401, 'Unauthorized', 'Unauthorized');
    }
  };

  const dispatch = async (raw: IncomingMessage, res: ServerResponse) => {
    const url = new URL(raw.url ?? '/', 'http://stand-in');
    const method = raw.method ?? 'GET';
    const request = (params: Record<string, string>) =>
      makeRequest(raw, res, params, { bodyLimit: MAX_BODY_BYTES });
    try {
      const openRoute = open.match(method, url.pathname);
      if ('handler' in openRoute) {
        await openRoute.handler(request(openRoute.params));
      } else {
        await authenticate(raw, url.pathname);
        if (url.pathname.startsWith('/_standin/')) {
          const m = admin.match(method, url.pathname);
          if (!('handler' in m)) {
            throw new StatusError(
              404,
              'NotFound',
              `no stand-in admin endpoint ${method} ${url.pathname}`,
            );
          }
          await m.handler(request(m.params));
        } else {
          await api(request({}));
        }
      }
    } catch (error) {
      if (!res.headersSent) sendError(res, toStatus(error));
    }
    log(`${raw.method} ${url.pathname}${url.search} ${res.statusCode}`);
  };

  const server = await listen(
    (raw, res) => {
      void dispatch(raw, res);
    },
    { port: options.port ?? DEFAULT_PORT, host },
  );
  const port = server.port;
  serverAddress = `${host}:${port}`;

  return {
    url: `http://${host}:${port}`,
    port,
    async apply(objects, source, applyOptions) {
      const applied = cluster.apply(objects, source, applyOptions);
      store.save();
      return applied;
    },
    async applyDirectory(target, source, applyOptions) {
      const objects = await renderManifests(target);
      const applied = cluster.apply(objects, source, applyOptions);
      store.save();
      return applied;
    },
    async deleteBySource(source) {
      if (!source) throw new InputError('deleteBySource needs a source');
      const n = cluster.deleteBySource(source);
      store.save();
      return n;
    },
    deny(resources) {
      rbac.deny(resources);
    },
    stop: server.stop,
  };
}
