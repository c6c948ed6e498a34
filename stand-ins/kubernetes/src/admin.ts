/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// The stand-in's own endpoints (not Kubernetes'), behind the same token:
// apply manifests, delete what a source applied, read or replace the denied
// resources.

import {
  InvalidJsonError,
  Request,
  Router,
  sendJson,
} from '@internal/stand-in-http';
import { StatusError } from './api/errors';
import { Rbac } from './api/rbac';
import { Cluster } from './cluster';
import { ObjectStore } from './store';

const send = (req: Request, body: unknown) =>
  sendJson(req.res, 200, body, { 'Content-Type': 'application/json' });

/** The body as JSON; an empty or unparsable body is a 400. */
async function jsonBody(req: Request): Promise<any> {
  let body;
  try {
    body = await req.json();
  } catch (error) {
    if (!(error instanceof InvalidJsonError)) throw error;
  }
  if (body === undefined) {
    throw new StatusError(400, 'BadRequest', 'the request body must be JSON');
  }
  return body;
}

/** `/_standin/apply`, `/_standin/sources/{source}` and `/_standin/denied`. */
export function createAdminRouter(deps: {
  cluster: Cluster;
  store: ObjectStore;
  rbac: Rbac;
}) {
  const { cluster, store, rbac } = deps;
  return new Router({ headAsGet: false })
    .post(/^\/_standin\/apply$/, async req => {
      const body = await jsonBody(req);
      const objects = Array.isArray(body) ? body : body?.objects;
      if (!Array.isArray(objects)) {
        throw new StatusError(
          400,
          'BadRequest',
          'expected a JSON list of objects, or {"objects": [...], "source"?, "namespace"?, "prune"?}',
        );
      }
      const applied = cluster.apply(
        objects,
        Array.isArray(body) ? undefined : body.source,
        {
          namespace: Array.isArray(body) ? undefined : body.namespace,
          prune: Array.isArray(body) ? undefined : body.prune === true,
        },
      );
      store.save();
      send(req, { applied });
    })
    .delete(/^\/_standin\/sources\/(?<source>[^/]+)$/, req => {
      const deleted = cluster.deleteBySource(req.params.source);
      store.save();
      send(req, { deleted });
    })
    .put(/^\/_standin\/denied$/, async req => {
      const body = await jsonBody(req);
      if (!Array.isArray(body) || body.some(x => typeof x !== 'string')) {
        throw new StatusError(
          400,
          'BadRequest',
          'expected a JSON list of resource names such as "deployments.apps"',
        );
      }
      rbac.deny(body);
      send(req, { denied: rbac.list() });
    })
    .get(/^\/_standin\/denied$/, req => send(req, { denied: rbac.list() }));
}
