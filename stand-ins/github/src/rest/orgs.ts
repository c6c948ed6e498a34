/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendJson } from '@internal/stand-in-http';
import { notFound, validationFailed } from './errors';
import { api, OWNER, paginate, REPO } from './http';
import type { RestContext } from './context';

/** The organization, its members, teams and team repositories, and its repository list. */
export function addOrgRoutes(router: Router, ctx: RestContext) {
  const {
    world,
    shapes,
    A,
    org,
    membership,
    requireCaller,
    repoCounts,
    adminRepo,
    requireOrg,
  } = ctx;

  const members = () => world.fixture.users.filter(u => u.orgRole !== 'none');

  router.get(api(`/orgs/${OWNER}`), req => {
    requireCaller(req);
    requireOrg(req);
    const c = repoCounts(org.login);
    sendJson(req.res, 200, shapes.organizationFull(org, c.pub, c.priv));
  });

  router.get(api(`/orgs/${OWNER}/members`), req => {
    requireCaller(req);
    requireOrg(req);
    const role = req.query.get('role') ?? 'all';
    const list = members().filter(
      u => role === 'all' || (role === 'admin') === (u.orgRole === 'admin'),
    );
    const { page, headers } = paginate(
      req,
      list.map(u => shapes.simpleUser(u)),
    );
    sendJson(req.res, 200, page, headers);
  });

  router.get(
    api(`/orgs/${OWNER}/(?:public_)?members/(?<username>[A-Za-z0-9-]+)`),
    req => {
      requireCaller(req);
      requireOrg(req);
      if (!world.isMember(req.params.username))
        throw notFound(
          'User does not exist or is not a member of the organization',
        );
      req.res.writeHead(204);
      req.res.end();
    },
  );

  router.get(
    api(`/orgs/${OWNER}/memberships/(?<username>[A-Za-z0-9-]+)`),
    req => {
      requireCaller(req);
      requireOrg(req);
      const u = world.user(req.params.username);
      if (!u || u.orgRole === 'none') throw notFound();
      sendJson(req.res, 200, membership(u));
    },
  );

  const teamOr404 = (req: Request) => {
    requireOrg(req);
    const t = world.team(req.params.slug);
    if (!t) throw notFound();
    return t;
  };

  router.get(api(`/orgs/${OWNER}/teams`), req => {
    requireCaller(req);
    requireOrg(req);
    const { page, headers } = paginate(
      req,
      world.fixture.teams.map(t => shapes.team(org, t, world.parentTeam(t))),
    );
    sendJson(req.res, 200, page, headers);
  });

  router.get(api(`/orgs/${OWNER}/teams/(?<slug>[A-Za-z0-9_.-]+)`), req => {
    requireCaller(req);
    const t = teamOr404(req);
    const c = repoCounts(org.login);
    const reposCount = world
      .repos(org.login)
      .filter(r => t.slug in r.teams).length;
    sendJson(
      req.res,
      200,
      shapes.teamFull(org, t, world.parentTeam(t), reposCount, c.pub, c.priv),
    );
  });

  router.get(
    api(`/orgs/${OWNER}/teams/(?<slug>[A-Za-z0-9_.-]+)/members`),
    req => {
      requireCaller(req);
      const t = teamOr404(req);
      const { page, headers } = paginate(
        req,
        t.members.map(l => shapes.simpleUser(world.user(l)!)),
      );
      sendJson(req.res, 200, page, headers);
    },
  );

  router.get(
    api(
      `/orgs/${OWNER}/teams/(?<slug>[A-Za-z0-9_.-]+)/memberships/(?<username>[A-Za-z0-9-]+)`,
    ),
    req => {
      requireCaller(req);
      const t = teamOr404(req);
      const u = world.user(req.params.username);
      if (!u || !t.members.includes(u.login)) throw notFound();
      sendJson(req.res, 200, {
        url: `${A}/organizations/${org.id}/team/${t.id}/memberships/${u.login}`,
        role: 'member',
        state: 'active',
      });
    },
  );

  router.put(
    api(
      `/orgs/(?<org>[A-Za-z0-9-]+)/teams/(?<slug>[A-Za-z0-9_.-]+)/repos/${OWNER}/${REPO}`,
    ),
    async req => {
      const caller = requireCaller(req);
      if (!world.isOrg(req.params.org)) throw notFound();
      const t = world.team(req.params.slug);
      if (!t) throw notFound();
      const r = adminRepo(req, caller);
      const body = await req.json();
      const permission = body.permission ?? 'push';
      if (
        !['pull', 'triage', 'push', 'maintain', 'admin'].includes(permission)
      ) {
        throw validationFailed('Validation Failed', [
          { resource: 'Team', code: 'invalid', field: 'permission' },
        ]);
      }
      r.teams[t.slug] = permission;
      world.state.save();
      req.res.writeHead(204);
      req.res.end();
    },
  );

  router.get(api(`/orgs/${OWNER}/repos`), req => {
    const caller = requireCaller(req);
    requireOrg(req);
    const list = world.repos(org.login).filter(r => world.canRead(caller, r));
    const { page, headers } = paginate(req, list);
    Promise.all(
      page.map(async r => ({
        ...shapes.minimalRepository(
          r,
          world.ownerAccount(r),
          await world.defaultBranch(r),
        ),
        permissions: world.permissions(caller, r),
      })),
    ).then(body => sendJson(req.res, 200, body, headers));
  });
}
