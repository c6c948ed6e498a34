/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendJson } from '@internal/stand-in-http';
import { rmSync } from 'node:fs';
import { legacyNodeId } from '../fixture';
import type { Caller, CreateRepoInput } from '../world';
import { DOC, notFound, validationFailed } from './errors';
import { api, OWNER, R } from './http';
import type { RestContext } from './context';

const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/;

function visibilityFromPrivate(
  isPrivate: unknown,
): 'private' | 'public' | undefined {
  if (isPrivate === true) return 'private';
  if (isPrivate === false) return 'public';
  return undefined;
}

/** Creating, reading, changing and deleting repositories, their topics and collaborators. */
export function addRepoRoutes(router: Router, ctx: RestContext) {
  const {
    world,
    shapes,
    A,
    org,
    requireCaller,
    requireScope,
    readableRepo,
    adminRepo,
    requireOrg,
  } = ctx;

  const createRepo = async (
    req: Request,
    caller: Caller,
    owner: string,
    docs: string,
  ) => {
    const body = await req.json();
    if (typeof body.name !== 'string' || !body.name) {
      throw validationFailed(
        'Repository creation failed.',
        [{ resource: 'Repository', code: 'missing_field', field: 'name' }],
        docs,
      );
    }
    if (!REPO_NAME.test(body.name) || body.name === '.' || body.name === '..') {
      throw validationFailed(
        'Repository creation failed.',
        [
          {
            resource: 'Repository',
            code: 'custom',
            field: 'name',
            message: 'name is invalid',
          },
        ],
        docs,
      );
    }
    if (
      body.visibility !== undefined &&
      !['public', 'private', 'internal'].includes(body.visibility)
    ) {
      throw validationFailed(
        'Validation Failed',
        [{ resource: 'Repository', code: 'invalid', field: 'visibility' }],
        docs,
      );
    }
    const input: CreateRepoInput = {
      ...body,
      visibility: body.visibility ?? visibilityFromPrivate(body.private),
    };
    const record = await world.createRepo(owner, input, caller.user);
    if (!record) {
      throw validationFailed(
        'Repository creation failed.',
        [
          {
            resource: 'Repository',
            code: 'custom',
            field: 'name',
            message: 'name already exists on this account',
          },
        ],
        docs,
      );
    }
    sendJson(req.res, 201, await world.repoJson(record, caller), {
      Location: `${A}/repos/${record.owner}/${record.name}`,
    });
  };

  router.post(api(`/orgs/${OWNER}/repos`), async req => {
    const caller = requireCaller(req);
    requireOrg(req);
    requireScope(caller, 'repo', 'public_repo');
    if (!world.isMember(caller.user.login)) throw notFound();
    await createRepo(
      req,
      caller,
      org.login,
      `${DOC}/repos/repos#create-an-organization-repository`,
    );
  });

  router.post(api('/user/repos'), async req => {
    const caller = requireCaller(req);
    requireScope(caller, 'repo', 'public_repo');
    await createRepo(
      req,
      caller,
      caller.user.login,
      `${DOC}/repos/repos#create-a-repository-for-the-authenticated-user`,
    );
  });
  router.get(api(R), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    sendJson(req.res, 200, await world.repoJson(r, caller));
  });

  router.patch(api(R), async req => {
    const caller = requireCaller(req);
    const r = adminRepo(req, caller);
    const body = await req.json();
    if (typeof body.description === 'string' || body.description === null)
      r.description = body.description;
    if (typeof body.homepage === 'string' || body.homepage === null)
      r.homepage = body.homepage;
    if (['public', 'private', 'internal'].includes(body.visibility))
      r.visibility = body.visibility;
    else if (typeof body.private === 'boolean')
      r.visibility = body.private ? 'private' : 'public';
    if (typeof body.default_branch === 'string') {
      const bare = world.bare(r);
      if (!(await bare.branches()).some(b => b.name === body.default_branch)) {
        throw validationFailed('Validation Failed', [
          { resource: 'Repository', code: 'invalid', field: 'default_branch' },
        ]);
      }
      await bare.setHeadBranch(body.default_branch);
    }
    r.updatedAt = new Date().toISOString();
    world.state.save();
    sendJson(req.res, 200, await world.repoJson(r, caller));
  });

  router.delete(api(R), req => {
    const caller = requireCaller(req);
    const r = adminRepo(req, caller);
    world.state.data.repos = world.state.data.repos.filter(x => x !== r);
    world.state.save();
    rmSync(world.bare(r).dir, { recursive: true, force: true });
    req.res.writeHead(204);
    req.res.end();
  });

  router.get(api(`${R}/topics`), req => {
    const caller = requireCaller(req);
    sendJson(req.res, 200, { names: readableRepo(req, caller).topics });
  });

  router.put(api(`${R}/topics`), async req => {
    const caller = requireCaller(req);
    const r = adminRepo(req, caller);
    const body = await req.json();
    if (!Array.isArray(body.names)) {
      throw validationFailed(
        'Invalid request.\n\n"names" wasn\'t supplied.',
        [],
      );
    }
    const bad = body.names.filter(
      (n: unknown) => typeof n !== 'string' || !TOPIC.test(n),
    );
    if (bad.length) {
      throw validationFailed('Validation Failed', [
        {
          resource: 'Repository',
          code: 'invalid',
          field: 'names',
          message: `${bad.join(
            ', ',
          )} is not a valid topic. Topics must start with a lowercase letter or number, consist of 50 characters or less, and can include hyphens.`,
        },
      ]);
    }
    r.topics = [...new Set<string>(body.names)];
    world.state.save();
    sendJson(req.res, 200, { names: r.topics });
  });

  router.put(
    api(`${R}/collaborators/(?<username>[A-Za-z0-9-]+)`),
    async req => {
      const caller = requireCaller(req);
      const r = adminRepo(req, caller);
      const u = world.user(req.params.username);
      if (!u) throw notFound();
      const body = await req.json();
      const permission = body.permission ?? 'push';
      const already =
        u.login in r.collaborators ||
        (world.isOrg(r.owner) && world.isMember(u.login));
      r.collaborators[u.login] = permission;
      world.state.save();
      if (already) {
        req.res.writeHead(204);
        req.res.end();
        return;
      }
      // GitHub sends an invitation; the stand-in accepts it at once.
      const id = world.state.nextId();
      world.state.save();
      sendJson(req.res, 201, {
        id,
        node_id: legacyNodeId('RepositoryInvitation', id),
        repository: shapes.minimalRepository(
          r,
          world.ownerAccount(r),
          await world.defaultBranch(r),
        ),
        invitee: shapes.simpleUser(u),
        inviter: shapes.simpleUser(caller.user),
        permissions:
          ({ push: 'write', pull: 'read' } as Record<string, string>)[
            permission
          ] ?? permission,
        created_at: new Date().toISOString(),
        expired: false,
        url: `${A}/user/repository_invitations/${id}`,
        html_url: `${shapes.base}/${r.owner}/${r.name}/invitations`,
      });
    },
  );
}
