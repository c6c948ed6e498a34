/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Request } from '@internal/stand-in-http';
import type { FixtureUser } from '../fixture';
import { legacyNodeId } from '../fixture';
import type { RepoRecord } from '../state';
import type { Caller, World } from '../world';
import { ApiError, DOC, notFound } from './errors';

/** What the REST resources share: the world, URL bases, and the caller and repository checks. */
export type RestContext = ReturnType<typeof createRestContext>;

export function createRestContext(world: World) {
  const shapes = world.shapes;
  const A = shapes.api;
  const org = world.org;

  const membership = (u: FixtureUser) => ({
    url: `${A}/orgs/${org.login}/memberships/${u.login}`,
    state: 'active',
    role: u.orgRole === 'admin' ? 'admin' : 'member',
    organization_url: `${A}/orgs/${org.login}`,
    organization: shapes.organizationSimple(org),
    user: shapes.simpleUser(u),
  });

  const accountFor = (login: string) => {
    const u = world.user(login);
    return u ? shapes.simpleUser(u) : null;
  };

  const requireCaller = (req: Request): Caller => {
    const auth = world.authenticate(req.header('authorization'));
    if (!auth.ok) {
      throw new ApiError(
        401,
        auth.reason === 'missing'
          ? 'Requires authentication'
          : 'Bad credentials',
      );
    }
    return auth.caller;
  };

  const requireScope = (caller: Caller, ...anyOf: string[]) => {
    if (caller.kind !== 'oauth') return;
    if (!caller.scopes.some(s => anyOf.includes(s))) {
      throw new ApiError(404, 'Not Found', {}, DOC, {
        'X-Accepted-OAuth-Scopes': anyOf.join(', '),
      });
    }
  };

  const requireOrg = (req: Request) => {
    if (!world.isOrg(req.params.owner)) throw notFound();
  };

  const repoCounts = (owner: string) => {
    const rs = world.repos(owner);
    return {
      pub: rs.filter(r => r.visibility === 'public').length,
      priv: rs.filter(r => r.visibility !== 'public').length,
    };
  };

  const readableRepo = (req: Request, caller: Caller): RepoRecord => {
    const r = world.state.findRepo(req.params.owner, req.params.repo);
    if (!r || !world.canRead(caller, r)) throw notFound();
    return r;
  };

  const adminRepo = (req: Request, caller: Caller): RepoRecord => {
    const r = readableRepo(req, caller);
    if (!world.isAdminOf(caller, r)) {
      throw new ApiError(403, 'Must have admin rights to Repository.');
    }
    return r;
  };

  /** Resolves `ref` (default branch when absent) to a commit, with GitHub's errors. */
  const resolveRef = async (r: RepoRecord, ref: string | null | undefined) => {
    const bare = world.bare(r);
    if (await bare.isEmpty()) throw notFound('This repository is empty.');
    const name = ref || (await world.defaultBranch(r));
    const sha = await bare.resolveCommit(name);
    if (!sha) throw notFound(`No commit found for the ref ${name}`);
    return { sha, name };
  };

  const userFor = (login: string): FixtureUser => {
    const u = world.user(login);
    if (!u) throw notFound();
    return u;
  };

  const accountByEmail = (email: string) => {
    const u = world.fixture.users.find(
      x => x.email.toLowerCase() === email.toLowerCase(),
    );
    return u ? shapes.simpleUser(u) : null;
  };

  const commitJson = async (r: RepoRecord, sha: string) => {
    const c = await world.bare(r).commitInfo(sha);
    const base = `${A}/repos/${r.owner}/${r.name}`;
    return {
      url: `${base}/commits/${c.sha}`,
      sha: c.sha,
      node_id: legacyNodeId('Commit', parseInt(c.sha.slice(0, 8), 16)),
      html_url: `${shapes.base}/${r.owner}/${r.name}/commit/${c.sha}`,
      comments_url: `${base}/commits/${c.sha}/comments`,
      commit: {
        url: `${base}/git/commits/${c.sha}`,
        author: c.author,
        committer: c.committer,
        message: c.message,
        comment_count: 0,
        tree: { sha: c.tree, url: `${base}/git/trees/${c.tree}` },
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
      author: accountByEmail(c.author.email),
      committer: accountByEmail(c.committer.email),
      parents: c.parents.map(p => ({
        sha: p,
        url: `${base}/commits/${p}`,
        html_url: `${shapes.base}/${r.owner}/${r.name}/commit/${p}`,
      })),
    };
  };

  return {
    world,
    shapes,
    A,
    org,
    membership,
    accountFor,
    requireCaller,
    requireScope,
    requireOrg,
    repoCounts,
    readableRepo,
    adminRepo,
    resolveRef,
    userFor,
    accountByEmail,
    commitJson,
  };
}
