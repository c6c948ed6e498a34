/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * `/api/v1/applications`: list, create, get, update, delete and sync, with
 * Argo CD's RBAC checks (the RBAC object of an Application is
 * `<project>/<name>`) and answers.
 */
import type { Router } from '@internal/stand-in-http';
import { ApplicationAdmission, toStored } from '../admission';
import { sameDesiredState } from '../desiredState';
import { ArgoCdRequest, reply } from '../dispatch';
import { ApiError, notFound, permissionDenied } from '../errors';
import type { StandInAccess } from '../rbac';
import type { ApplicationStore, StoredApplication } from '../store';
import type { SyncLifecycle } from '../sync';

export interface ApplicationRoutesOptions {
  store: ApplicationStore;
  access: StandInAccess;
  admission: ApplicationAdmission;
  sync: SyncLifecycle;
}

const APPLICATIONS = /^\/api\/v1\/applications$/;
const APPLICATION = /^\/api\/v1\/applications\/(?<name>[^/]+)$/;
const SYNC = /^\/api\/v1\/applications\/(?<name>[^/]+)\/sync$/;

/** The RBAC object Argo CD checks for an Application. */
const rbacName = (app: StoredApplication) =>
  `${app.spec.project}/${app.metadata.name}`;

const applicationNotFound = (name: string) => notFound('applications', name);

export function addApplicationRoutes(
  router: Router<ArgoCdRequest>,
  { store, access, admission, sync }: ApplicationRoutesOptions,
) {
  /** Throws RBAC's 403 with its message unless the caller may. */
  const enforce = (req: ArgoCdRequest, action: string, object: string) => {
    const denied = access.denial(req.who, 'applications', action, object);
    if (denied) throw permissionDenied(denied);
  };
  const can = (req: ArgoCdRequest, action: string, object: string) =>
    access.can(req.who, 'applications', action, object);

  router.get(APPLICATIONS, req => {
    const name = req.query.get('name');
    const wanted = req.query.getAll('projects');
    // As Argo CD: the list leaves out what the caller may not get.
    const items = store
      .list()
      .filter(a => !name || a.metadata.name === name)
      .filter(a => wanted.length === 0 || wanted.includes(a.spec.project))
      .filter(a => can(req, 'get', rbacName(a)));
    reply(req, { metadata: { resourceVersion: '1' }, items });
  });

  router.post(APPLICATIONS, async req => {
    const app = admission.validateBody(await req.json());
    enforce(req, 'create', rbacName(app));
    const upsert = req.query.get('upsert') === 'true';
    const validate = req.query.get('validate') !== 'false';
    const invalid = admission.checkReferences(app, validate);
    const existing = store.get(app.metadata.name);
    if (existing) {
      if (sameDesiredState(existing, app)) {
        reply(req, existing);
        return;
      }
      if (!upsert) {
        throw new ApiError(
          'InvalidArgument',
          'existing application spec is different, use upsert flag to force update',
        );
      }
      enforce(req, 'update', rbacName(app));
    }
    reply(req, sync.afterChange(toStored(app, existing), invalid));
  });

  router.get(APPLICATION, req => {
    const name = req.params.name;
    const app = store.get(name);
    // As Argo CD's getAppEnforceRBAC: without the project in the query, a
    // missing Application is indistinguishable from one the caller may not
    // see ("permission denied", without detail, so names cannot be probed).
    // With it, a caller allowed to get Applications of that project learns
    // only "not found" for a missing one, one it may not see, and one in
    // another project.
    const wanted = [
      ...req.query.getAll('projects'),
      ...req.query.getAll('project'),
    ];
    if (wanted.length > 0 && !can(req, 'get', `${wanted[0]}/${name}`)) {
      throw permissionDenied();
    }
    if (!app) {
      throw wanted.length === 0
        ? permissionDenied()
        : applicationNotFound(name);
    }
    if (!can(req, 'get', rbacName(app))) {
      throw wanted.length > 0 ? applicationNotFound(name) : permissionDenied();
    }
    if (wanted.length > 0 && !wanted.includes(app.spec.project)) {
      throw applicationNotFound(name);
    }
    reply(req, app);
  });

  router.put(APPLICATION, async req => {
    const name = req.params.name;
    const app = admission.validateBody(await req.json());
    enforce(req, 'update', rbacName(app));
    if (app.metadata.name !== name) {
      throw new ApiError(
        'InvalidArgument',
        `application name in path (${name}) does not match the body (${app.metadata.name})`,
      );
    }
    const existing = store.get(name);
    if (!existing) throw applicationNotFound(name);
    enforce(req, 'update', rbacName(existing));
    const invalid = admission.checkReferences(
      app,
      req.query.get('validate') !== 'false',
    );
    reply(
      req,
      sameDesiredState(existing, app)
        ? existing
        : sync.afterChange(toStored(app, existing), invalid),
    );
  });

  router.delete(APPLICATION, req => {
    const name = req.params.name;
    const existing = store.get(name);
    if (existing && !can(req, 'delete', rbacName(existing))) {
      throw permissionDenied();
    }
    sync.cancel(name);
    if (!store.delete(name)) throw applicationNotFound(name);
    reply(req, {});
  });

  router.post(SYNC, async req => {
    // The ApplicationSyncRequest body is read (a body that is not JSON is
    // refused, as Argo CD's gateway does) but its options are not used.
    await req.json();
    const name = req.params.name;
    const app = store.get(name);
    if (!app) throw applicationNotFound(name);
    if (!can(req, 'sync', rbacName(app))) throw permissionDenied();
    reply(req, sync.requestSync(app));
  });
}
