/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router, sendJson } from '@internal/stand-in-http';
import { ApiError } from './rest';
import type { WebhookDispatcher } from './webhooks';
import type { World } from './world';

// Team membership changes (REST "Add or update team membership for a user"
// and "Remove team membership for a user"), which GitHub announces with a
// `membership` webhook. The fixture's teams are the starting point; changes
// are kept in team-members.json in the data directory so a restarted
// sandbox still has them.

const DOC = 'https://docs.github.com/rest/teams/members';

function membersFile(dataDir: string) {
  return join(dataDir, 'team-members.json');
}

/** Applies the saved membership changes to the fixture's teams (at start-up). */
export function loadTeamMembers(world: World) {
  const file = membersFile(world.dataDir);
  if (!existsSync(file)) return;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<
    string,
    string[]
  >;
  for (const team of world.fixture.teams) {
    if (saved[team.slug]) team.members = saved[team.slug];
  }
}

function saveTeamMembers(world: World) {
  const file = membersFile(world.dataDir);
  const data = Object.fromEntries(
    world.fixture.teams.map(t => [t.slug, t.members]),
  );
  writeFileSync(`${file}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function addTeamMembershipRoutes(
  router: Router,
  world: World,
  webhooks: WebhookDispatcher | undefined,
) {
  const pattern =
    /^\/api\/v3\/orgs\/(?<org>[A-Za-z0-9-]+)\/teams\/(?<slug>[A-Za-z0-9_.-]+)\/memberships\/(?<username>[A-Za-z0-9-]+)\/?$/;

  const resolve = (params: Record<string, string>, authorization?: string) => {
    const auth = world.authenticate(authorization);
    if (!auth.ok) {
      throw new ApiError(
        401,
        auth.reason === 'missing'
          ? 'Requires authentication'
          : 'Bad credentials',
      );
    }
    const team = world.isOrg(params.org) ? world.team(params.slug) : undefined;
    if (!team) throw new ApiError(404, 'Not Found', {}, DOC);
    // Organization owners manage every team (team maintainers are not modelled).
    if (auth.caller.user.orgRole !== 'admin') {
      throw new ApiError(
        403,
        'You must be an organization owner or team maintainer.',
        {},
        DOC,
      );
    }
    const user = world.user(params.username);
    if (!user) throw new ApiError(404, 'Not Found', {}, DOC);
    return { team, user, by: auth.caller.user };
  };

  router.put(pattern, async req => {
    const { team, user, by } = resolve(req.params, req.header('authorization'));
    const body = await req.json();
    const role = body.role ?? 'member';
    if (role !== 'member' && role !== 'maintainer') {
      throw new ApiError(
        422,
        'Validation Failed',
        {
          errors: [{ resource: 'TeamMember', code: 'invalid', field: 'role' }],
        },
        DOC,
      );
    }
    if (!world.isMember(user.login)) {
      // GitHub would invite a non-member to the organization first.
      throw new ApiError(
        422,
        'Validation Failed',
        {
          errors: [
            {
              resource: 'TeamMember',
              code: 'custom',
              field: 'username',
              message: `${user.login} is not a member of the organization`,
            },
          ],
        },
        DOC,
      );
    }
    const added = !team.members.includes(user.login);
    if (added) {
      team.members = [...team.members, user.login];
      saveTeamMembers(world);
      webhooks?.membershipChanged(world, 'added', team, user, by);
    }
    sendJson(req.res, 200, {
      url: `${world.shapes.api}/organizations/${world.org.id}/team/${team.id}/memberships/${user.login}`,
      role,
      state: 'active',
    });
  });

  router.delete(pattern, req => {
    const { team, user, by } = resolve(req.params, req.header('authorization'));
    if (!team.members.includes(user.login))
      throw new ApiError(404, 'Not Found', {}, DOC);
    team.members = team.members.filter(m => m !== user.login);
    saveTeamMembers(world);
    webhooks?.membershipChanged(world, 'removed', team, user, by);
    req.res.writeHead(204);
    req.res.end();
  });
}
