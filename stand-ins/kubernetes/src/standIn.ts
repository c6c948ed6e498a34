/*
 * A local stand-in for the Kubernetes API server, answering the calls
 * Backstage's Kubernetes backend (and its proxy, for logs and events) makes:
 * discovery, cluster-wide and namespaced lists with label and field
 * selectors in the API's List format, single objects, pod logs, pod metrics
 * (metrics.k8s.io), and Status objects for errors. Objects come from
 * `apply` (manifests, e.g. from `kubectl kustomize`) and the simulated
 * controllers in ./cluster.ts, and are kept in a JSON file.
 */

import { EksAuthOptions, verifyEksToken } from './eksToken';
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { InputError, isError } from '@backstage/errors';
import {
  ApplyOptions,
  Cluster,
  ObjectRef,
  POD_STATE_ANNOTATION,
} from './cluster';
import {
  BUILTIN_RESOURCES,
  POD_METRICS,
  ResourceType,
  apiVersionOf,
  qualifiedName,
  resourceForPath,
} from './resources';
import {
  SelectorError,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import { KubeObject, ObjectStore, StoredEntry } from './store';
import { renderManifests } from './manifests';

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

/** Directory of this package (works from source and from a build). */
export const packageDir = path.dirname(
  require.resolve('@internal/kubernetes-stand-in/package.json'),
);

/** Walks up from this package to the monorepo root (the package.json with workspaces). */
export function findRepoRoot(start: string = packageDir): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8'));
      if (json.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details && { details }),
    code,
  };
}

function digestEquals(a: string, b: string) {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new ApiError(413, 'RequestEntityTooLarge', 'request body too large'),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Typed lists of built-in kinds carry no apiVersion/kind on their items; custom resources do. */
function listItem(entry: StoredEntry) {
  if (!BUILTIN_RESOURCES.includes(entry.type)) return entry.object;
  const { apiVersion: _a, kind: _k, ...rest } = entry.object;
  return rest;
}

function hashNumber(text: string, modulo: number) {
  return createHash('sha256').update(text).digest().readUInt32BE(0) % modulo;
}

export async function createKubernetesStandIn(
  options: KubernetesStandInOptions = {},
): Promise<KubernetesStandIn> {
  const token = options.token ?? DEFAULT_TOKEN;
  const host = options.host ?? '127.0.0.1';
  const user = options.user ?? DEFAULT_USER;
  const dataDir =
    options.dataDir ?? path.join(findRepoRoot(), '.sandbox', 'kubernetes');
  const log = options.log ?? (() => {});
  const store = new ObjectStore(dataDir);
  store.load();
  const cluster = new Cluster(store, options.region ?? DEFAULT_REGION);
  let denied = new Set(options.denied ?? []);
  let serverAddress = '';

  const forbid = (
    type: { group: string; plural: string },
    verb: string,
    namespace?: string,
    name?: string,
    subresource?: string,
  ) => {
    const resource = subresource
      ? `${type.plural}/${subresource}`
      : type.plural;
    // A subresource is its own RBAC resource: denying `pods` leaves `pods/log` readable.
    const rule = subresource
      ? `${qualifiedName(type)}/${subresource}`
      : qualifiedName(type);
    if (!denied.has(rule)) return;
    const subject = name
      ? `${qualifiedName(type)} "${name}"`
      : qualifiedName(type);
    throw new ApiError(
      403,
      'Forbidden',
      `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${
        type.group
      }" ${
        namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'
      }`,
      { ...(name && { name }), group: type.group, kind: type.plural },
    );
  };

  const notFound = (type: ResourceType, name: string) =>
    new ApiError(
      404,
      'NotFound',
      `${qualifiedName(type)} "${name}" not found`,
      {
        name,
        group: type.group,
        kind: type.plural,
      },
    );

  const served = () => [...BUILTIN_RESOURCES, ...store.customTypes];

  const groups = () => {
    const byGroup = new Map<string, Set<string>>();
    for (const t of [...served(), POD_METRICS]) {
      if (!t.group) continue;
      if (!byGroup.has(t.group)) byGroup.set(t.group, new Set());
      byGroup.get(t.group)!.add(t.version);
    }
    return [...byGroup.entries()].map(([name, versions]) => {
      const list = [...versions].map(version => ({
        groupVersion: `${name}/${version}`,
        version,
      }));
      return {
        name,
        versions: list,
        preferredVersion: list[0],
      };
    });
  };

  const resourceList = (group: string, version: string) => {
    const types = [...served(), POD_METRICS].filter(
      t => t.group === group && t.version === version,
    );
    if (!types.length) return undefined;
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: apiVersionOf({ group, version }),
      resources: types.flatMap(t => {
        const readOnly = t === POD_METRICS;
        const main = {
          name: t.plural,
          singularName: t.kind.toLowerCase(),
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: readOnly ? ['get', 'list'] : ['delete', 'get', 'list'],
          ...(t.shortNames && { shortNames: t.shortNames }),
        };
        return t.kind === 'Pod' && !group
          ? [
              main,
              {
                name: 'pods/log',
                singularName: '',
                namespaced: true,
                kind: 'Pod',
                verbs: ['get'],
              },
            ]
          : [main];
      }),
    };
  };

  const podMetrics = (pod: KubeObject) => {
    const running = (pod.status?.containerStatuses ?? []).filter(
      (c: any) => c.state?.running,
    );
    return {
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        labels: pod.metadata.labels ?? {},
      },
      timestamp: new Date(Date.now() - 15000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      window: '15.029s',
      containers: running.map((c: any) => ({
        name: c.name,
        usage: {
          cpu: `${
            1000000 + hashNumber(`${pod.metadata.uid}/${c.name}/cpu`, 20000000)
          }n`,
          memory: `${
            60000 + hashNumber(`${pod.metadata.uid}/${c.name}/mem`, 60000)
          }Ki`,
        },
      })),
    };
  };

  const podLogs = (pod: KubeObject, query: URLSearchParams): string => {
    const containers: any[] = pod.spec?.containers ?? [];
    let containerName = query.get('container');
    if (!containerName) {
      if (containers.length !== 1) {
        throw new ApiError(
          400,
          'BadRequest',
          `a container name must be specified for pod ${
            pod.metadata.name
          }, choose one of: [${containers.map(c => c.name).join(' ')}]`,
        );
      }
      containerName = containers[0].name;
    }
    const container = containers.find(c => c.name === containerName);
    const status = (pod.status?.containerStatuses ?? []).find(
      (c: any) => c.name === containerName,
    );
    if (!container || !status) {
      throw new ApiError(
        400,
        'BadRequest',
        `container ${containerName} is not valid for pod ${pod.metadata.name}`,
      );
    }
    const previous = query.has('previous') && query.get('previous') !== 'false';
    const state = pod.metadata.annotations?.[POD_STATE_ANNOTATION];
    if (status.state?.waiting && state === 'image-pull-error') {
      throw new ApiError(
        400,
        'BadRequest',
        `container "${containerName}" in pod "${pod.metadata.name}" is waiting to start: trying and failing to pull image`,
      );
    }
    if (previous && !status.lastState?.terminated) {
      throw new ApiError(
        400,
        'BadRequest',
        `previous terminated container "${containerName}" in pod "${pod.metadata.name}" not found`,
      );
    }
    const port = container.ports?.[0]?.containerPort ?? 8000;
    const start = Date.parse(
      status.state?.running?.startedAt ??
        status.lastState?.terminated?.startedAt ??
        pod.metadata.creationTimestamp ??
        new Date().toISOString(),
    );
    const lines: Array<[number, string]> = [];
    const at = (offsetMs: number, text: string) =>
      lines.push([start + offsetMs, text]);
    at(0, 'INFO:     Started server process [1]');
    at(1, 'INFO:     Waiting for application startup.');
    if (state === 'crash-loop') {
      at(120, 'Traceback (most recent call last):');
      at(121, '  File "/app/app/main.py", line 12, in lifespan');
      at(122, '    settings = Settings()');
      at(
        123,
        'pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings',
      );
      at(
        124,
        'database_url\n  Field required [type=missing, input_value={}, input_type=dict]',
      );
      at(125, 'ERROR:    Application startup failed. Exiting.');
    } else if (!previous) {
      at(80, 'INFO:     Application startup complete.');
      at(
        81,
        `INFO:     Uvicorn running on http://0.0.0.0:${port} (Press CTRL+C to quit)`,
      );
      const elapsed = Math.max(0, Math.min(Date.now() - start, 3600_000));
      const probes = Math.min(40, Math.floor(elapsed / 10000) + 3);
      const kubelet = pod.status?.hostIP ?? '10.0.1.23';
      for (let i = 0; i < probes; i++) {
        at(
          2000 + i * 10000,
          `INFO:     ${kubelet}:${
            41000 + ((i * 7919) % 20000)
          } - "GET /healthz HTTP/1.1" 200 OK`,
        );
      }
    }
    let selected = lines;
    const tail = query.get('tailLines');
    if (tail !== null && /^\d+$/.test(tail)) {
      selected = lines.slice(Math.max(0, lines.length - Number(tail)));
    }
    const timestamps = query.get('timestamps') === 'true';
    return selected
      .map(([t, text]) =>
        timestamps
          ? `${new Date(t).toISOString().replace('Z', '000000Z')} ${text}`
          : text,
      )
      .map(l => `${l}\n`)
      .join('');
  };

  const list = (
    type: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
  ) => {
    let labelReqs;
    let fieldReqs;
    try {
      labelReqs = parseLabelSelector(query.get('labelSelector') ?? '');
      fieldReqs = parseFieldSelector(query.get('fieldSelector') ?? '');
    } catch (error) {
      if (error instanceof SelectorError) {
        throw new ApiError(400, 'BadRequest', error.message);
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
  };

  const handleApi = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ) => {
    const parts = url.pathname
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
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
          { clientCIDR: '0.0.0.0/0', serverAddress },
        ],
      });
    }
    if (parts.length === 1 && parts[0] === 'apis') {
      return send({ kind: 'APIGroupList', apiVersion: 'v1', groups: groups() });
    }
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 2) {
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length === 2) {
      const g = groups().find(x => x.name === parts[1]);
      if (!g)
        throw new ApiError(
          404,
          'NotFound',
          'the server could not find the requested resource',
        );
      return send({ kind: 'APIGroup', apiVersion: 'v1', ...g });
    } else if (parts[0] === 'apis' && parts.length >= 3) {
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    } else {
      throw new ApiError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    if (rest.length === 0) {
      const body = resourceList(group, version);
      if (!body)
        throw new ApiError(
          404,
          'NotFound',
          'the server could not find the requested resource',
        );
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
      throw new ApiError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    let verb = 'list';
    if (method === 'DELETE') verb = 'delete';
    else if (name) verb = 'get';
    else if (url.searchParams.get('watch') === 'true') verb = 'watch';
    if (
      method !== 'GET' &&
      !(method === 'DELETE' && name && !subresource && !isMetrics)
    ) {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource (the stand-in is read-only apart from deleting objects; use POST /_standin/apply)`,
      );
    }
    forbid(type, verb, namespace, name, subresource);
    if (verb === 'watch') {
      throw new ApiError(
        400,
        'BadRequest',
        'watch is not supported by the Kubernetes stand-in',
      );
    }

    if (isMetrics) {
      const pods = list(BUILTIN_RESOURCES[0], namespace, url.searchParams)
        .map(e => e.object)
        .filter(p => p.status?.phase === 'Running');
      if (name) {
        const pod = pods.find(p => p.metadata.name === name);
        if (!pod) throw notFound(POD_METRICS, name);
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
        items: list(type, namespace, url.searchParams).map(listItem),
      });
    }
    if (type.namespaced && namespace === undefined) {
      throw new ApiError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    const entry = store.get(type, namespace, name);
    if (!entry) throw notFound(type, name);
    if (subresource === 'log' && type.kind === 'Pod' && !type.group) {
      const text = podLogs(entry.object, url.searchParams);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(text);
      return undefined;
    }
    if (subresource) {
      throw new ApiError(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    if (method === 'DELETE') {
      const snapshot = JSON.parse(JSON.stringify(entry.object));
      cluster.deleteObject(entry);
      store.save();
      return send(snapshot);
    }
    return send(entry.object);
  };

  const handleAdmin = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ) => {
    const send = (body: unknown, code = 200) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const parseJson = async () => {
      const text = await readBody(req);
      try {
        return JSON.parse(text);
      } catch {
        throw new ApiError(400, 'BadRequest', 'the request body must be JSON');
      }
    };
    if (url.pathname === '/_standin/apply' && req.method === 'POST') {
      const body = await parseJson();
      const objects = Array.isArray(body) ? body : body?.objects;
      if (!Array.isArray(objects)) {
        throw new ApiError(
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
      return send({ applied });
    }
    const sourceMatch = /^\/_standin\/sources\/([^/]+)$/.exec(url.pathname);
    if (sourceMatch && req.method === 'DELETE') {
      const deleted = cluster.deleteBySource(
        decodeURIComponent(sourceMatch[1]),
      );
      store.save();
      return send({ deleted });
    }
    if (url.pathname === '/_standin/denied') {
      if (req.method === 'PUT') {
        const body = await parseJson();
        if (!Array.isArray(body) || body.some(x => typeof x !== 'string')) {
          throw new ApiError(
            400,
            'BadRequest',
            'expected a JSON list of resource names such as "deployments.apps"',
          );
        }
        denied = new Set(body);
      }
      if (req.method === 'PUT' || req.method === 'GET') {
        return send({ denied: [...denied] });
      }
    }
    throw new ApiError(
      404,
      'NotFound',
      `no stand-in admin endpoint ${req.method} ${url.pathname}`,
    );
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    try {
      if (req.method === 'GET' && url.pathname === '/version') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(SERVER_VERSION));
      } else if (
        req.method === 'GET' &&
        ['/healthz', '/livez', '/readyz'].includes(url.pathname)
      ) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      } else {
        const header = req.headers.authorization ?? '';
        const m = /^Bearer\s+(.+)$/i.exec(header);
        const presented = m?.[1].trim() ?? '';
        const isStatic = Boolean(m) && digestEquals(presented, token);
        if (!isStatic) {
          // What EKS answers for a bad token: 401 with the generic message.
          const eksRefusal =
            options.eks && presented.startsWith('k8s-aws-v1.')
              ? await verifyEksToken(presented, options.eks)
              : 'no valid token';
          if (eksRefusal !== undefined || url.pathname.startsWith('/_standin/')) {
            if (eksRefusal && options.eks) log(`401 EKS token refused: ${eksRefusal}`);
            throw new ApiError(401, 'Unauthorized', 'Unauthorized');
          }
        }
        if (url.pathname.startsWith('/_standin/')) {
          await handleAdmin(req, res, url);
        } else {
          await handleApi(req, res, url);
        }
      }
    } catch (error) {
      let status;
      if (error instanceof ApiError) {
        status = statusBody(
          error.code,
          error.reason,
          error.message,
          error.details,
        );
      } else if (isError(error) && error.name === 'InputError') {
        status = statusBody(400, 'BadRequest', error.message);
      } else {
        status = statusBody(
          500,
          'InternalError',
          `Internal error occurred: ${
            isError(error) ? error.message : String(error)
          }`,
        );
      }
      if (!res.headersSent) {
        res.writeHead(status.code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status));
      }
    }
    log(`${req.method} ${url.pathname}${url.search} ${res.statusCode}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
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
      denied = new Set(resources);
    },
    stop() {
      return new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
