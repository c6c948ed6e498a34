/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Router, sendJson } from '@internal/stand-in-http';
import { notFound } from './errors';
import { api, OWNER } from './http';
import type { RestContext } from './context';

/** The authenticated user and other users: `/user`, `/user/emails`, `/user/orgs`, `/users/{username}`. */
export function addUserRoutes(router: Router, ctx: RestContext) {
  const {
    world,
    shapes,
    org,
    membership,
    requireCaller,
    requireScope,
    repoCounts,
    userFor,
  } = ctx;

  router.get(api('/user'), req => {
    const caller = requireCaller(req);
    const c = repoCounts(caller.user.login);
    sendJson(req.res, 200, shapes.privateUser(caller.user, c.pub, c.priv));
  });

  router.get(api('/user/emails'), req => {
    const caller = requireCaller(req);
    requireScope(caller, 'user', 'user:email');
    sendJson(req.res, 200, [
      {
        email: caller.user.email,
        primary: true,
        verified: true,
        visibility: 'public',
      },
    ]);
  });

  router.get(api('/user/orgs'), req => {
    const caller = requireCaller(req);
    const list = world.isMember(caller.user.login)
      ? [shapes.organizationSimple(org)]
      : [];
    sendJson(req.res, 200, list);
  });

  router.get(api(`/user/memberships/orgs/${OWNER}`), req => {
    const caller = requireCaller(req);
    if (!world.isOrg(req.params.owner) || !world.isMember(caller.user.login))
      throw notFound();
    sendJson(req.res, 200, membership(caller.user));
  });

  router.get(api(`/users/${OWNER}`), req => {
    requireCaller(req);
    const login = req.params.owner;
    if (world.isOrg(login)) {
      sendJson(req.res, 200, shapes.orgAsUser(org, repoCounts(org.login).pub));
      return;
    }
    const u = userFor(login);
    sendJson(req.res, 200, shapes.publicUser(u, repoCounts(u.login).pub));
  });

  router.get(api(`/users/${OWNER}/orgs`), req => {
    requireCaller(req);
    const u = userFor(req.params.owner);
    sendJson(
      req.res,
      200,
      world.isMember(u.login) ? [shapes.organizationSimple(org)] : [],
    );
  });
}
