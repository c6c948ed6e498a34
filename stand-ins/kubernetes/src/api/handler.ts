/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// The Kubernetes API itself: discovery, then `/api/{version}/...` and
// `/apis/{group}/{version}/...` paths parsed generically into a resource type,
// an optional namespace, name and subresource; list, get and delete.

import { Request } from '@internal/stand-in-http';
import { Cluster } from '../cluster';
import {
  apiVersionOf,
  BUILTIN_RESOURCES,
  POD_METRICS,
  ResourceType,
  resourceForPath,
} from '../resources';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from '../selectors';
import { ObjectStore, StoredEntry } from '../store';
import { apiGroups, apiResourceList } from './discovery';
import { noSuchResource, objectNotFound, StatusError } from './errors';
import { podLogs, podMetrics } from './pods';
import { Rbac } from './rbac';

/** Typed lists of built-in kinds carry no apiVersion/kind on their items; custom resources do. */
function listItem(entry: StoredEntry) {
  if (!BUILTIN_RESOURCES.includes(entry.type)) return entry.object;
  const { apiVersion: _a, kind: _k, ...rest } = entry.object;
  return rest;
}

function list(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
) {
  let labelReqs;
  let fieldReqs;
  try {
    labelReqs = parseLabelSelector(query.get('labelSelector') ?? '');
    fieldReqs = parseFieldSelector(query.get('fieldSelector') ?? '');
  } catch (error) {
    if (error instanceof SelectorError) {
      throw new StatusError(400, 'BadRequest', error.message);
    }
    throw error;
  }
  return store
    .list(type, namespace)
    .filter(
      e =>
        matchesLabels(labelReqs, e.object.metadata.labels) &&
        matchesFields(fieldReqs, e.object),
    );
}

/** The handler for every API path (anything outside `/_standin/`, `/version` and health). */
export function createApiHandler(deps: {
  store: ObjectStore;
  cluster: Cluster;
  rbac: Rbac;
  /** `host:port` the server listens on (for `serverAddressByClientCIDRs`). */
  serverAddress: () => string;
}) {
  const { store, cluster, rbac, serverAddress } = deps;
  const types = () => [...BUILTIN_RESOURCES, ...store.customTypes, POD_METRICS];
  return (req: Request) => {
    const res = req.res;
    const parts = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const send = (body: unknown, code = 200) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const method = req.method ?? 'GET';

    // Discovery.
    if (parts.length === 1 && parts[0] === 'api') {
      return send({
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [
          { clientCIDR: '0.0.0.0/0', serverAddress: serverAddress() },
        ],
      });
    }
    if (parts.length === 1 && parts[0] === 'apis') {
      return send({
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: apiGroups(types()),
      });
    }
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 2) {
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroups(types()).find(x => x.name === parts[1]);
      if (!g) throw noSuchResource();
      return send({ kind: 'APIGroup', apiVersion: 'v1', ...g });
    } else if (parts[0] === 'apis' && parts.length >= 3) {
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    } else {
      throw noSuchResource();
    }
    if (rest.length === 0) {
      const body = apiResourceList(types(), group, version);
      if (!body) throw noSuchResource();
      return send(body);
    }

    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, subresource, ...extra] = rest;
    const isMetrics =
      group === POD_METRICS.group &&
      version === POD_METRICS.version &&
      plural === 'pods';
    const type = isMetrics
      ? POD_METRICS
      : resourceForPath(group, version, plural, store.customTypes);
    if (
      !type ||
      extra.length ||
      (namespace !== undefined && !type.namespaced)
    ) {
      throw noSuchResource();
    }
    let verb = 'list';
    if (method === 'DELETE') verb = 'delete';
    else if (name) verb = 'get';
    else if (req.query.get('watch') === 'true') verb = 'watch';
    if (
      method !== 'GET' &&
      !(method === 'DELETE' && name && !subresource && !isMetrics)
    ) {
      throw new StatusError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource (the stand-in is read-only apart from deleting objects; use POST /_standin/apply)`,
      );
    }
    rbac.check(type, verb, namespace, name, subresource);
    if (verb === 'watch') {
      throw new StatusError(
        400,
        'BadRequest',
        'watch is not supported by the Kubernetes stand-in',
      );
    }

    if (isMetrics) {
      const pods = list(store, BUILTIN_RESOURCES[0], namespace, req.query)
        .map(e => e.object)
        .filter(p => p.status?.phase === 'Running');
      if (name) {
        const pod = pods.find(p => p.metadata.name === name);
        if (!pod) throw objectNotFound(POD_METRICS, name);
        return send(podMetrics(pod));
      }
      return send({
        kind: 'PodMetricsList',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: {},
        items: pods.map(p => {
          const { kind: _k, apiVersion: _a, ...m } = podMetrics(p);
          return m;
        }),
      });
    }

    if (!name) {
      return send({
        kind: `${type.kind}List`,
        apiVersion: apiVersionOf(type),
        metadata: { resourceVersion: store.currentResourceVersion() },
        items: list(store, type, namespace, req.query).map(listItem),
      });
    }
    if (type.namespaced && namespace === undefined) {
      throw noSuchResource();
    }
    const entry = store.get(type, namespace, name);
    if (!entry) throw objectNotFound(type, name);
    if (subresource === 'log' && type.kind === 'Pod' && !type.group) {
      const text = podLogs(entry.object, req.query);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(text);
      return undefined;
    }
    if (subresource) {
      throw noSuchResource();
    }
    if (method === 'DELETE') {
      const snapshot = JSON.parse(JSON.stringify(entry.object));
      cluster.deleteObject(entry);
      store.save();
      return send(snapshot);
    }
    return send(entry.object);
  };
}
