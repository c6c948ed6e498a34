/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendJson } from '@internal/stand-in-http';
import { graphql } from 'graphql';
import type { World } from '../world';
import { Ctx, notFound } from './connection';
import { OrgNode, repoNode, TeamNode, UserNode } from './nodes';
import { createSchema } from './schema';

function buildRoot(world: World) {
  return {
    organization: (args: { login: string }) => {
      if (!world.isOrg(args.login)) {
        throw notFound(
          `Could not resolve to an Organization with the login of '${args.login}'.`,
        );
      }
      return new OrgNode(world);
    },
    user: (args: { login: string }) => {
      const u = world.user(args.login);
      if (!u)
        throw notFound(
          `Could not resolve to a User with the login of '${args.login}'.`,
        );
      return new UserNode(u, world);
    },
    repositoryOwner: (args: { login: string }) => {
      if (world.isOrg(args.login)) return new OrgNode(world);
      const u = world.user(args.login);
      return u ? new UserNode(u, world) : null;
    },
    repository: (args: { owner: string; name: string }, ctx: Ctx) =>
      repoNode(world, args.owner, args.name, ctx.caller),
    viewer: (_: unknown, ctx: Ctx) => new UserNode(ctx.caller.user, world),
    node: (args: { id: string }) => {
      const u = world.fixture.users.find(x => x.nodeId === args.id);
      if (u) return new UserNode(u, world);
      if (args.id === world.org.nodeId) return new OrgNode(world);
      const t = world.fixture.teams.find(x => x.nodeId === args.id);
      return t ? new TeamNode(t, world) : null;
    },
  };
}

export function addGraphqlRoutes(router: Router, world: World) {
  const schema = createSchema();
  const root = buildRoot(world);

  router.post(/^\/api\/graphql\/?$/, async (req: Request) => {
    const auth = world.authenticate(req.header('authorization'));
    if (!auth.ok) {
      sendJson(req.res, 401, {
        message:
          auth.reason === 'missing'
            ? 'This endpoint requires you to be authenticated.'
            : 'Bad credentials',
        documentation_url:
          'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      });
      return;
    }
    let body: any;
    try {
      body = await req.json();
    } catch {
      sendJson(req.res, 200, {
        errors: [{ message: 'Problems parsing JSON' }],
      });
      return;
    }
    if (typeof body?.query !== 'string') {
      sendJson(req.res, 200, {
        errors: [
          {
            message:
              'A query attribute must be specified and must be a string.',
          },
        ],
      });
      return;
    }
    const result = await graphql({
      schema,
      source: body.query,
      rootValue: root,
      contextValue: { caller: auth.caller, world } satisfies Ctx,
      variableValues: body.variables ?? undefined,
      operationName: body.operationName ?? undefined,
    });
    const errors = result.errors?.map(e => ({
      ...(e.extensions?.type ? { type: e.extensions.type } : {}),
      path: e.path,
      locations: e.locations,
      message: e.message,
    }));
    sendJson(req.res, 200, {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(errors?.length ? { errors } : {}),
    });
  });
}
