/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * A local stand-in for the parts of the Argo CD 3.6 REST API the portal uses.
 *
 * It speaks the documented protocol (paths, bearer-token auth, grpc-gateway
 * style error bodies, Application objects in Argo CD's shape) and keeps
 * Applications in JSON files so a restart keeps them. It does not deploy
 * anything itself: a configurable time after an automated Application is
 * created or changed it reports the sync as finished, after asking the
 * optional `onSync` hook (which a Kubernetes stand-in can use to apply the
 * manifests). AppProject rules live in ./projects.ts.
 *
 * About 730 lines, on purpose for now: the routes, the sync lifecycle and
 * request handling share one closure over the store, the sync timers and the
 * RBAC checks. Options and constants are in ./types.ts, the desired-state
 * comparison in ./desiredState.ts, history in ./history.ts, RBAC in
 * ./rbac.ts. Moving the routes onto stand-ins/http-kit and the sync
 * lifecycle into its own module is issue 20's remaining step.
 */

import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { ArgoCdContract } from './contract';
import { now, sameDesiredState } from './desiredState';
import { appendHistory } from './history';
import {
  checkSyncObjects,
  permissionConditions,
  ProjectRegistry,
} from './projects';
import { StandInAccess, Subject } from './rbac';
import { ApplicationStore, StoredApplication } from './store';
import {
  ArgoCdStandIn,
  ArgoCdStandInOptions,
  DEFAULT_CLUSTERS,
  DEFAULT_SYNC_DELAY_MS,
  DEFAULT_TOKEN,
  DEFAULT_PORT,
  DEGRADED_OUTCOME_LABEL,
  SyncHookResult,
} from './types';
import { findRepoRoot } from './repoRoot';

export * from './types';
export { findRepoRoot, packageDir } from './repoRoot';

const ARGOCD_NAMESPACE = 'argocd';
const MAX_BODY_BYTES = 1024 * 1024;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** gRPC status codes as Argo CD's grpc-gateway reports them, with their HTTP status. */
const GRPC = {
  InvalidArgument: { code: 3, http: 400 },
  NotFound: { code: 5, http: 404 },
  PermissionDenied: { code: 7, http: 403 },
  Unauthenticated: { code: 16, http: 401 },
  Internal: { code: 13, http: 500 },
  Unimplemented: { code: 12, http: 501 },
} as const;

class ApiError extends Error {
  constructor(readonly status: keyof typeof GRPC, message: string) {
    super(message);
  }
}

/** Starts the stand-in; resolves once it listens. */
export async function createArgoCdStandIn(
  options: ArgoCdStandInOptions = {},
): Promise<ArgoCdStandIn> {
  const token = options.token ?? DEFAULT_TOKEN;
  const syncDelayMs = options.syncDelayMs ?? DEFAULT_SYNC_DELAY_MS;
  const dataDir =
    options.dataDir ?? path.join(findRepoRoot(), '.sandbox', 'argocd');
  const projects = new ProjectRegistry(
    options.projects ?? [],
    options.defaultProject,
  );
  const clusters = options.clusters ?? DEFAULT_CLUSTERS;
  /** The destination cluster with both its name and server, as Argo CD resolves it. */
  const resolveCluster = (
    destination: StoredApplication['spec']['destination'],
  ) =>
    destination.name
      ? {
          name: destination.name,
          server: clusters.find(c => c.name === destination.name)?.server,
        }
      : {
          server: destination.server,
          name: clusters.find(c => c.server === destination.server)?.name,
        };

  const log = options.log ?? (() => {});
  const access = new StandInAccess(token, options.rbac);
  const enforce = (who: Subject, action: string, object: string) => {
    const denied = access.denial(who, 'applications', action, object);
    if (denied) throw new ApiError('PermissionDenied', denied);
  };
  const rbacName = (app: StoredApplication) =>
    `${app.spec.project}/${app.metadata.name}`;
  // Argo CD's getAppEnforceRBAC answers without detail, so names cannot be probed.
  const deniedPlain = () =>
    new ApiError('PermissionDenied', 'permission denied');
  const contract = ArgoCdContract.load();
  const store = new ApplicationStore(dataDir);
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  const save = (app: StoredApplication) => {
    const previous = store.get(app.metadata.name);
    const version = Number(previous?.metadata.resourceVersion ?? '0') + 1;
    app.metadata.resourceVersion = String(version);
    store.put(app);
  };

  const startOperation = (app: StoredApplication, automated: boolean) => {
    const revision = app.spec.source?.targetRevision || 'HEAD';
    app.status = {
      ...app.status,
      sync: {
        status: 'OutOfSync',
        comparedTo: {
          source: app.spec.source,
          destination: app.spec.destination,
        },
      },
      health: { status: 'Progressing', lastTransitionTime: now() },
      operationState: {
        operation: {
          sync: {
            revision,
            prune: app.spec.syncPolicy?.automated?.prune ?? false,
            syncOptions: app.spec.syncPolicy?.syncOptions,
          },
          initiatedBy: automated
            ? { automated: true }
            : { username: 'stand-in' },
        },
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt: now(),
      },
      conditions: [],
      reconciledAt: now(),
    };
  };

  const finishSync = async (name: string) => {
    const before = store.get(name);
    if (!before || stopped) return;
    let result: SyncHookResult = {};
    if (options.onSync) {
      try {
        const project = projects.get(before.spec.project)!;
        const cluster = resolveCluster(before.spec.destination);
        result =
          (await options.onSync(before, {
            project,
            cluster,
            check: (objects, isNamespaced) =>
              checkSyncObjects(
                project,
                cluster,
                before.spec.destination.namespace ?? '',
                objects,
                isNamespaced,
              ),
          })) ?? {};
      } catch (error) {
        result = {
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }
    const app = store.get(name);
    // The Application was deleted, changed or the stand-in stopped meanwhile.
    if (
      !app ||
      stopped ||
      app.metadata.resourceVersion !== before.metadata.resourceVersion
    ) {
      return;
    }
    const finishedAt = now();
    const revision =
      result.revision ??
      createHash('sha1')
        .update(
          `${app.spec.source?.repoURL}@${
            app.spec.source?.targetRevision ?? 'HEAD'
          }`,
        )
        .digest('hex');
    const operationState = app.status!.operationState!;
    if (result.error) {
      app.status = {
        ...app.status,
        sync: { ...app.status!.sync!, status: 'OutOfSync' },
        health: {
          status: 'Degraded',
          message: result.error,
          lastTransitionTime: finishedAt,
        },
        operationState: {
          ...operationState,
          phase: 'Failed',
          message: result.error,
          finishedAt,
          syncResult: {
            revision,
            source: app.spec.source,
            ...(result.resources?.length
              ? { resources: result.resources }
              : {}),
          },
        },
        conditions: [
          {
            type: 'SyncError',
            message: result.error,
            lastTransitionTime: finishedAt,
          },
        ],
        reconciledAt: finishedAt,
      };
    } else {
      const degraded =
        app.metadata.labels?.[DEGRADED_OUTCOME_LABEL] === 'degraded';
      app.status = {
        ...app.status,
        sync: { ...app.status!.sync!, status: 'Synced', revision },
        health: degraded
          ? {
              status: 'Degraded',
              message: `Deployment "${name}" exceeded its progress deadline`,
              lastTransitionTime: finishedAt,
            }
          : { status: 'Healthy', lastTransitionTime: finishedAt },
        operationState: {
          ...operationState,
          phase: 'Succeeded',
          message: 'successfully synced (all tasks run)',
          finishedAt,
          syncResult: { revision, source: app.spec.source },
        },
        // Argo CD appends each successful sync to status.history (ids count
        // up; spec.revisionHistoryLimit, default 10, entries are kept).
        history: appendHistory(app, {
          revision,
          source: app.spec.source,
          deployStartedAt: operationState.startedAt,
          deployedAt: finishedAt,
          initiatedBy: (operationState.operation as { initiatedBy?: unknown })
            ?.initiatedBy,
        }),
        reconciledAt: finishedAt,
      };
    }
    save(app);
    log(
      `application ${name}: ${app.status!.sync!.status}/${
        app.status!.health!.status
      }`,
    );
  };

  const scheduleSync = (name: string) => {
    clearTimeout(timers.get(name));
    const timer = setTimeout(() => {
      timers.delete(name);
      finishSync(name).catch(error =>
        log(`sync of ${name} crashed: ${String(error)}`),
      );
    }, syncDelayMs);
    timers.set(name, timer);
  };

  const isAutomated = (app: StoredApplication) =>
    Boolean(app.spec.syncPolicy?.automated) &&
    app.spec.syncPolicy?.automated?.enabled !== false;

  const notFound = (name: string) =>
    new ApiError('NotFound', `applications.argoproj.io "${name}" not found`);

  const validateBody = (body: unknown): StoredApplication => {
    const result = contract.validateApplication(body, 'request');
    const name =
      (body as StoredApplication | undefined)?.metadata?.name ?? '<unnamed>';
    if (!result.valid) {
      throw new ApiError(
        'InvalidArgument',
        `application spec for ${name} is invalid: InvalidSpecError: ${result.errors.join(
          '; ',
        )}`,
      );
    }
    const app = body as StoredApplication;
    if (
      !app.metadata.name ||
      !DNS1123_SUBDOMAIN.test(app.metadata.name) ||
      app.metadata.name.length > 253
    ) {
      throw new ApiError(
        'InvalidArgument',
        `Application.argoproj.io "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      );
    }
    if (app.metadata.namespace && app.metadata.namespace !== ARGOCD_NAMESPACE) {
      throw new ApiError(
        'PermissionDenied',
        `namespace '${app.metadata.namespace}' is not permitted`,
      );
    }
    return app;
  };

  /**
   * As Argo CD's create/update: the project must exist; with `validate` the
   * destination cluster must be known and the project must permit the
   * repository and the destination (else 400 with Argo CD's conditions).
   * Without `validate` the permission problems are returned: the
   * Application is stored but, as Argo CD's controller does, carries them as
   * InvalidSpecError conditions and never syncs.
   */
  const checkReferences = (
    app: StoredApplication,
    validate: boolean,
  ): string[] => {
    const project = projects.get(app.spec.project);
    if (!project) {
      throw new ApiError(
        'InvalidArgument',
        `application references project ${app.spec.project} which does not exist`,
      );
    }
    const { server, name } = app.spec.destination;
    const cluster = resolveCluster(app.spec.destination);
    if (!validate) return permissionConditions(project, app, cluster);
    const prefix = `application destination spec for ${app.metadata.name} is invalid`;
    if (server && name) {
      throw new ApiError(
        'InvalidArgument',
        `${prefix}: application destination can't have both name and server defined: ${name} ${server}`,
      );
    }
    if (!server && !name) {
      throw new ApiError(
        'InvalidArgument',
        `${prefix}: Destination server missing from app spec`,
      );
    }
    if (name && !clusters.some(c => c.name === name)) {
      throw new ApiError(
        'InvalidArgument',
        `${prefix}: unable to find destination server: there are no clusters with this name: ${name}`,
      );
    }
    if (server && !clusters.some(c => c.server === server)) {
      throw new ApiError(
        'InvalidArgument',
        `${prefix}: unable to find destination server: there are no clusters with this URL: ${server}`,
      );
    }
    const conditions = permissionConditions(project, app, cluster);
    if (conditions.length > 0) {
      throw new ApiError(
        'InvalidArgument',
        `application spec for ${app.metadata.name} is invalid: ${conditions
          .map(c => `InvalidSpecError: ${c}`)
          .join(';')}`,
      );
    }
    return [];
  };

  const toStored = (
    app: StoredApplication,
    existing?: StoredApplication,
  ): StoredApplication => ({
    metadata: {
      name: app.metadata.name,
      namespace: ARGOCD_NAMESPACE,
      uid: existing?.metadata.uid ?? randomUUID(),
      creationTimestamp: existing?.metadata.creationTimestamp ?? now(),
      resourceVersion: existing?.metadata.resourceVersion,
      ...(app.metadata.labels ? { labels: app.metadata.labels } : {}),
      ...(app.metadata.annotations
        ? { annotations: app.metadata.annotations }
        : {}),
      ...(app.metadata.finalizers
        ? { finalizers: app.metadata.finalizers }
        : {}),
    },
    spec: app.spec,
    status: existing?.status,
  });

  const writeChanged = (app: StoredApplication, invalid: string[] = []) => {
    if (invalid.length > 0) {
      // Never synced: Argo CD's controller refuses to reconcile it.
      clearTimeout(timers.get(app.metadata.name));
      app.status = {
        sync: { status: 'Unknown' },
        health: { status: 'Unknown', lastTransitionTime: now() },
        conditions: invalid.map(message => ({
          type: 'InvalidSpecError',
          message,
          lastTransitionTime: now(),
        })),
        reconciledAt: now(),
      };
      save(app);
    } else if (isAutomated(app)) {
      startOperation(app, true);
      save(app);
      scheduleSync(app.metadata.name);
    } else {
      clearTimeout(timers.get(app.metadata.name));
      app.status = {
        sync: {
          status: 'OutOfSync',
          comparedTo: {
            source: app.spec.source,
            destination: app.spec.destination,
          },
        },
        health: { status: 'Missing', lastTransitionTime: now() },
        conditions: [],
        reconciledAt: now(),
      };
      save(app);
    }
    return store.get(app.metadata.name)!;
  };

  type Route = {
    method: string;
    pattern: RegExp;
    handle: (
      match: RegExpMatchArray,
      query: URLSearchParams,
      body: unknown,
      who: Subject,
    ) => unknown;
  };

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/v1\/applications$/,
      handle: (_m, query, _b, who) => {
        const name = query.get('name');
        const wanted = query.getAll('projects');
        // As Argo CD: the list leaves out what the caller may not get.
        const items = store
          .list()
          .filter(a => !name || a.metadata.name === name)
          .filter(a => wanted.length === 0 || wanted.includes(a.spec.project))
          .filter(a => access.can(who, 'applications', 'get', rbacName(a)));
        return { metadata: { resourceVersion: '1' }, items };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/v1\/applications$/,
      handle: (_m, query, body, who) => {
        const app = validateBody(body);
        enforce(who, 'create', rbacName(app));
        const upsert = query.get('upsert') === 'true';
        const validate = query.get('validate') !== 'false';
        const invalid = checkReferences(app, validate);
        const existing = store.get(app.metadata.name);
        if (existing) {
          if (sameDesiredState(existing, app)) {
            return existing;
          }
          if (!upsert) {
            throw new ApiError(
              'InvalidArgument',
              'existing application spec is different, use upsert flag to force update',
            );
          }
          enforce(who, 'update', rbacName(app));
        }
        return writeChanged(toStored(app, existing), invalid);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/applications\/([^/]+)$/,
      handle: (m, query, _b, who) => {
        const name = decodeURIComponent(m[1]);
        const app = store.get(name);
        // As Argo CD's getAppEnforceRBAC: without the project in the query,
        // a missing Application is indistinguishable from one the caller may
        // not see ("permission denied"). With it, a caller allowed to get
        // Applications of that project learns only "not found" for a missing
        // one, one it may not see, and one in another project.
        const wanted = [
          ...query.getAll('projects'),
          ...query.getAll('project'),
        ];
        if (
          wanted.length > 0 &&
          !access.can(who, 'applications', 'get', `${wanted[0]}/${name}`)
        ) {
          throw deniedPlain();
        }
        if (!app) {
          if (wanted.length === 0) throw deniedPlain();
          throw notFound(name);
        }
        if (!access.can(who, 'applications', 'get', rbacName(app))) {
          throw wanted.length > 0 ? notFound(name) : deniedPlain();
        }
        if (wanted.length > 0 && !wanted.includes(app.spec.project)) {
          throw notFound(name);
        }
        return app;
      },
    },
    {
      method: 'PUT',
      pattern: /^\/api\/v1\/applications\/([^/]+)$/,
      handle: (m, query, body, who) => {
        const name = decodeURIComponent(m[1]);
        const app = validateBody(body);
        enforce(who, 'update', rbacName(app));
        if (app.metadata.name !== name) {
          throw new ApiError(
            'InvalidArgument',
            `application name in path (${name}) does not match the body (${app.metadata.name})`,
          );
        }
        const existing = store.get(name);
        if (!existing) throw notFound(name);
        enforce(who, 'update', rbacName(existing));
        const invalid = checkReferences(app, query.get('validate') !== 'false');
        if (sameDesiredState(existing, app)) return existing;
        return writeChanged(toStored(app, existing), invalid);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/v1\/applications\/([^/]+)$/,
      handle: (m, _q, _b, who) => {
        const name = decodeURIComponent(m[1]);
        const existing = store.get(name);
        if (
          existing &&
          !access.can(who, 'applications', 'delete', rbacName(existing))
        ) {
          throw deniedPlain();
        }
        clearTimeout(timers.get(name));
        timers.delete(name);
        if (!store.delete(name)) throw notFound(name);
        return {};
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/v1\/applications\/([^/]+)\/sync$/,
      handle: (m, _q, _b, who) => {
        const name = decodeURIComponent(m[1]);
        const app = store.get(name);
        if (!app) throw notFound(name);
        if (!access.can(who, 'applications', 'sync', rbacName(app))) {
          throw deniedPlain();
        }
        startOperation(app, false);
        save(app);
        scheduleSync(name);
        return store.get(name);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/projects$/,
      handle: (_m, _q, _b, who) => ({
        metadata: { resourceVersion: '1' },
        items: projects
          .names()
          .filter(n => access.can(who, 'projects', 'get', n))
          .map(n => projects.resource(n, ARGOCD_NAMESPACE)),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v1\/projects\/([^/]+)$/,
      handle: (m, _q, _b, who) => {
        const name = decodeURIComponent(m[1]);
        const denied = access.denial(who, 'projects', 'get', name);
        if (denied) throw new ApiError('PermissionDenied', denied);
        const project = projects.resource(name, ARGOCD_NAMESPACE);
        if (!project) {
          throw new ApiError(
            'NotFound',
            `appprojects.argoproj.io "${name}" not found`,
          );
        }
        return project;
      },
    },
  ];

  const readBody = (req: http.IncomingMessage) =>
    new Promise<unknown>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          reject(new ApiError('InvalidArgument', 'request body too large'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (!text) {
          resolve(undefined);
          return;
        }
        try {
          resolve(JSON.parse(text));
        } catch (error) {
          reject(
            new ApiError(
              'InvalidArgument',
              `error unmarshaling request body: ${(error as Error).message}`,
            ),
          );
        }
      });
      req.on('error', reject);
    });

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const sendError = (res: http.ServerResponse, error: ApiError) => {
    const { code, http: status } = GRPC[error.status];
    send(res, status, { error: error.message, code, message: error.message });
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const finish = (status: number) =>
      log(`${req.method} ${url.pathname} -> ${status}`);
    try {
      const auth = req.headers.authorization ?? '';
      const match = /^Bearer (.+)$/.exec(auth);
      if (!match) {
        throw new ApiError('Unauthenticated', 'no session information');
      }
      const who = access.subjectFor(match[1]);
      if (!who) {
        throw new ApiError(
          'Unauthenticated',
          'invalid session: token signature is invalid',
        );
      }
      const candidates = routes.filter(r => r.pattern.test(url.pathname));
      const route = candidates.find(r => r.method === req.method);
      if (!route) {
        throw candidates.length
          ? new ApiError('Unimplemented', `Method Not Allowed`)
          : new ApiError('NotFound', 'Not Found');
      }
      const body =
        req.method === 'POST' || req.method === 'PUT'
          ? await readBody(req)
          : undefined;
      const result = route.handle(
        url.pathname.match(route.pattern)!,
        url.searchParams,
        body,
        who,
      );
      send(res, 200, result);
      finish(200);
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError('Internal', 'internal error in the Argo CD stand-in');
      if (!(error instanceof ApiError)) {
        log(`internal error: ${String(error)}`);
      }
      sendError(res, apiError);
      finish(GRPC[apiError.status].http);
    }
  });

  // Resume syncs that were running when the previous process stopped.
  for (const app of store.list()) {
    if (app.status?.operationState?.phase === 'Running') {
      scheduleSync(app.metadata.name);
    }
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    rbac: access.policy,
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
