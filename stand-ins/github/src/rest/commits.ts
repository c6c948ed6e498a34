/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendJson } from '@internal/stand-in-http';
import { gitOk } from '../git';
import type { RepoRecord, StatusRecord } from '../state';
import { ApiError, notFound, validationFailed } from './errors';
import { api, paginate, R, sendCachedJson } from './http';
import type { RestContext } from './context';

function combinedState(statuses: StatusRecord[]) {
  if (statuses.length === 0) return 'pending';
  if (statuses.some(s => s.state === 'error' || s.state === 'failure'))
    return 'failure';
  if (statuses.some(s => s.state === 'pending')) return 'pending';
  return 'success';
}

/** Commits and commit statuses (combined status, list, create). */
export function addCommitRoutes(router: Router, ctx: RestContext) {
  const {
    world,
    shapes,
    A,
    accountFor,
    requireCaller,
    readableRepo,
    resolveRef,
    commitJson,
  } = ctx;

  /** The commit `ref` names, or undefined (an empty repository has none). */
  const commitOf = async (r: RepoRecord, ref: string) => {
    const bare = world.bare(r);
    return (await bare.isEmpty()) ? undefined : bare.resolveCommit(ref);
  };

  router.get(api(`${R}/commits/(?<ref>.+)/status`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const sha = await commitOf(r, req.params.ref);
    if (!sha)
      throw new ApiError(404, `No commit found for SHA: ${req.params.ref}`);
    const all = r.statuses[sha] ?? [];
    const latest = new Map<string, StatusRecord>();
    for (const s of all) latest.set(s.context, s);
    const statuses = [...latest.values()];
    const state = combinedState(statuses);
    const { page } = paginate(req, statuses);
    sendJson(req.res, 200, {
      state,
      statuses: page.map(s => shapes.status(r, sha, s, accountFor(s.creator))),
      sha,
      total_count: statuses.length,
      repository: shapes.minimalRepository(
        r,
        world.ownerAccount(r),
        await world.defaultBranch(r),
      ),
      commit_url: `${A}/repos/${r.owner}/${r.name}/commits/${sha}`,
      url: `${A}/repos/${r.owner}/${r.name}/commits/${sha}/status`,
    });
  });

  const listStatuses = async (req: Request) => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const sha = await commitOf(r, req.params.ref);
    const list = sha ? [...(r.statuses[sha] ?? [])].reverse() : [];
    const { page, headers } = paginate(req, list);
    sendJson(
      req.res,
      200,
      page.map(s => shapes.status(r, sha!, s, accountFor(s.creator))),
      headers,
    );
  };
  router.get(api(`${R}/commits/(?<ref>.+)/statuses`), listStatuses);
  router.get(api(`${R}/statuses/(?<ref>[^/]+)`), listStatuses);

  router.post(api(`${R}/statuses/(?<sha>[0-9a-fA-F]{4,40})`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    if (!world.canWrite(caller, r)) throw notFound();
    const body = await req.json();
    if (!['error', 'failure', 'pending', 'success'].includes(body.state)) {
      throw validationFailed('Validation Failed', [
        {
          resource: 'Status',
          code: 'custom',
          field: 'state',
          message: 'state is not included in the list',
        },
      ]);
    }
    const sha = await commitOf(r, req.params.sha);
    if (!sha) {
      throw validationFailed(`No commit found for SHA: ${req.params.sha}`, []);
    }
    const now = new Date().toISOString();
    const status: StatusRecord = {
      id: world.state.nextId(),
      state: body.state,
      context:
        typeof body.context === 'string' && body.context
          ? body.context
          : 'default',
      description:
        typeof body.description === 'string' ? body.description : null,
      targetUrl: typeof body.target_url === 'string' ? body.target_url : null,
      creator: caller.user.login,
      createdAt: now,
      updatedAt: now,
    };
    (r.statuses[sha] ??= []).push(status);
    world.state.save();
    sendJson(
      req.res,
      201,
      shapes.status(r, sha, status, shapes.simpleUser(caller.user)),
    );
  });

  router.get(api(`${R}/commits`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const { sha } = await resolveRef(r, req.query.get('sha'));
    const perPage = Math.min(
      parseInt(req.query.get('per_page') ?? '30', 10) || 30,
      100,
    );
    const path = req.query.get('path');
    const out = await gitOk([
      '--git-dir',
      world.bare(r).dir,
      'log',
      '--format=%H',
      `-n${perPage}`,
      sha,
      '--',
      ...(path ? [path] : []),
    ]);
    const shas = out.toString().split('\n').filter(Boolean);
    sendJson(req.res, 200, await Promise.all(shas.map(s => commitJson(r, s))));
  });

  router.get(api(`${R}/commits/(?<ref>.+)`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const sha = await commitOf(r, req.params.ref);
    if (!sha)
      throw validationFailed(`No commit found for SHA: ${req.params.ref}`, []);
    sendCachedJson(req, await commitJson(r, sha));
  });
}
