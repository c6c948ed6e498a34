/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Router, sendJson } from '@internal/stand-in-http';
import type { RepoRecord } from '../state';
import { DOC, notFound, validationFailed } from './errors';
import { api, paginate, R } from './http';
import type { RestContext } from './context';

function enforcementLevel(protection: any) {
  if (!protection?.required_status_checks) return 'off';
  return protection.enforce_admins?.enabled ? 'everyone' : 'non_admins';
}

/** Branches and branch protection. */
export function addBranchRoutes(router: Router, ctx: RestContext) {
  const {
    world,
    shapes,
    A,
    org,
    accountFor,
    requireCaller,
    readableRepo,
    adminRepo,
    commitJson,
  } = ctx;

  const protectionSummary = (r: RepoRecord, branch: string) => {
    const p = r.protections[branch];
    return {
      enabled: !!p,
      required_status_checks: {
        enforcement_level: enforcementLevel(p),
        contexts: p?.required_status_checks?.contexts ?? [],
        checks: p?.required_status_checks?.checks ?? [],
      },
    };
  };

  const protectionUrl = (r: RepoRecord, branch: string) =>
    `${A}/repos/${r.owner}/${r.name}/branches/${branch}/protection`;

  router.get(api(`${R}/branches`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const branches = await world.bare(r).branches();
    const { page, headers } = paginate(req, branches);
    sendJson(
      req.res,
      200,
      page.map(b => ({
        name: b.name,
        commit: {
          sha: b.sha,
          url: `${A}/repos/${r.owner}/${r.name}/commits/${b.sha}`,
        },
        protected: b.name in r.protections,
        protection: protectionSummary(r, b.name),
        protection_url: protectionUrl(r, b.name),
      })),
      headers,
    );
  });

  const branchOr404 = async (r: RepoRecord, branch: string) => {
    const b = (await world.bare(r).branches()).find(x => x.name === branch);
    if (!b) throw notFound('Branch not found');
    return b;
  };

  router.put(api(`${R}/branches/(?<branch>.+)/protection`), async req => {
    const caller = requireCaller(req);
    const r = adminRepo(req, caller);
    const branch = req.params.branch;
    await branchOr404(r, branch);
    const body = await req.json();
    for (const key of [
      'required_status_checks',
      'enforce_admins',
      'required_pull_request_reviews',
      'restrictions',
    ]) {
      if (!(key in body)) {
        throw validationFailed(
          `Invalid request.\n\n"${key}" wasn't supplied.`,
          [],
          `${DOC}/branches/branch-protection#update-branch-protection`,
        );
      }
    }
    const url = protectionUrl(r, branch);
    const rsc = body.required_status_checks;
    const rpr = body.required_pull_request_reviews;
    const count = rpr?.required_approving_review_count ?? 1;
    if (rpr && (!Number.isInteger(count) || count < 0 || count > 6)) {
      throw validationFailed(
        'Invalid request.\n\nrequired_approving_review_count must be between 0 and 6.',
        [],
      );
    }
    const enabled = (v: unknown) => ({ enabled: !!v });
    const protection: any = {
      url,
      ...(rsc
        ? {
            required_status_checks: {
              url: `${url}/required_status_checks`,
              strict: !!rsc.strict,
              contexts:
                rsc.contexts ?? (rsc.checks ?? []).map((c: any) => c.context),
              contexts_url: `${url}/required_status_checks/contexts`,
              checks: (rsc.contexts ?? []).map((c: string) => ({
                context: c,
                app_id: null,
              })),
            },
          }
        : {}),
      ...(rpr
        ? {
            required_pull_request_reviews: {
              url: `${url}/required_pull_request_reviews`,
              dismiss_stale_reviews: !!rpr.dismiss_stale_reviews,
              require_code_owner_reviews: !!rpr.require_code_owner_reviews,
              required_approving_review_count: count,
              require_last_push_approval: !!rpr.require_last_push_approval,
            },
          }
        : {}),
      required_signatures: {
        url: `${url}/required_signatures`,
        enabled: false,
      },
      enforce_admins: {
        url: `${url}/enforce_admins`,
        enabled: !!body.enforce_admins,
      },
      required_linear_history: enabled(body.required_linear_history),
      allow_force_pushes: enabled(body.allow_force_pushes),
      allow_deletions: enabled(body.allow_deletions),
      block_creations: enabled(body.block_creations),
      required_conversation_resolution: enabled(
        body.required_conversation_resolution,
      ),
      lock_branch: enabled(body.lock_branch),
      allow_fork_syncing: enabled(body.allow_fork_syncing),
      ...(body.restrictions
        ? {
            restrictions: {
              url: `${url}/restrictions`,
              users_url: `${url}/restrictions/users`,
              teams_url: `${url}/restrictions/teams`,
              apps_url: `${url}/restrictions/apps`,
              users: (body.restrictions.users ?? [])
                .map((l: string) => accountFor(l))
                .filter(Boolean),
              teams: (body.restrictions.teams ?? [])
                .map((s: string) => world.team(s))
                .filter(Boolean)
                .map((t: any) => shapes.team(org, t, world.parentTeam(t))),
              apps: [],
            },
          }
        : {}),
    };
    r.protections[branch] = protection;
    world.state.save();
    sendJson(req.res, 200, protection);
  });

  router.get(api(`${R}/branches/(?<branch>.+)/protection`), async req => {
    const caller = requireCaller(req);
    const r = adminRepo(req, caller);
    await branchOr404(r, req.params.branch);
    const p = r.protections[req.params.branch];
    if (!p) throw notFound('Branch not protected');
    sendJson(req.res, 200, p);
  });

  router.delete(api(`${R}/branches/(?<branch>.+)/protection`), async req => {
    const caller = requireCaller(req);
    const r = adminRepo(req, caller);
    await branchOr404(r, req.params.branch);
    if (!r.protections[req.params.branch])
      throw notFound('Branch not protected');
    delete r.protections[req.params.branch];
    world.state.save();
    req.res.writeHead(204);
    req.res.end();
  });

  router.post(
    api(`${R}/branches/(?<branch>.+)/protection/required_signatures`),
    async req => {
      const caller = requireCaller(req);
      const r = adminRepo(req, caller);
      await branchOr404(r, req.params.branch);
      const p = r.protections[req.params.branch];
      if (!p) throw notFound('Branch not protected');
      p.required_signatures.enabled = true;
      world.state.save();
      sendJson(req.res, 200, p.required_signatures);
    },
  );

  router.get(api(`${R}/branches/(?<branch>.+)`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const b = await branchOr404(r, req.params.branch);
    sendJson(req.res, 200, {
      name: b.name,
      commit: await commitJson(r, b.sha),
      _links: {
        self: `${A}/repos/${r.owner}/${r.name}/branches/${b.name}`,
        html: `${shapes.base}/${r.owner}/${r.name}/tree/${b.name}`,
      },
      protected: b.name in r.protections,
      protection: protectionSummary(r, b.name),
      protection_url: protectionUrl(r, b.name),
    });
  });
}
