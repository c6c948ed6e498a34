/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendJson } from '@internal/stand-in-http';
import { legacyNodeId } from '../fixture';
import { createRestContext } from '../rest/context';
import { notFound } from '../rest/errors';
import { paginate, R } from '../rest/http';
import type { RepoRecord } from '../state';
import type { World } from '../world';
import { ActionsStore, RunRecord } from './store';

const RUNS = `^/api/v3${R}/actions/runs`;

/** Status and conclusion of a run at `now`: in progress, then completed. */
export function runState(run: RunRecord, now: Date) {
  const endsAt = Date.parse(run.createdAt) + run.durationMs;
  if (now.getTime() < endsAt) {
    return {
      status: 'in_progress' as const,
      conclusion: null,
      updatedAt: run.createdAt,
    };
  }
  return {
    status: 'completed' as const,
    conclusion: run.conclusion,
    updatedAt: new Date(endsAt).toISOString(),
  };
}

/**
 * GitHub Actions' workflow runs API (`GET /repos/{owner}/{repo}/actions/runs`
 * and `.../runs/{run_id}`), answering the `workflow-run` shape of GitHub's
 * OpenAPI description from the runs the recorder kept.
 */
export function addActionsRoutes(
  router: Router,
  world: World,
  store: ActionsStore,
  now: () => Date = () => new Date(),
) {
  const shapes = world.shapes;

  const ctx = createRestContext(world);
  // Same rules as GET /repos/{owner}/{repo}: a token, and read access.
  const readableRepo = (req: Request): RepoRecord =>
    ctx.readableRepo(req, ctx.requireCaller(req));

  const runJson = async (r: RepoRecord, run: RunRecord) => {
    const repoApi = `${shapes.api}/repos/${r.owner}/${r.name}`;
    const url = `${repoApi}/actions/runs/${run.id}`;
    const state = runState(run, now());
    const actor = world.user(run.actor);
    const actorJson = actor ? shapes.simpleUser(actor) : world.ownerAccount(r);
    const repository = shapes.minimalRepository(
      r,
      world.ownerAccount(r),
      await world.defaultBranch(r),
    );
    const checkSuiteId = run.id + 1_000_000;
    return {
      id: run.id,
      name: run.name,
      node_id: legacyNodeId('WorkflowRun', run.id),
      check_suite_id: checkSuiteId,
      check_suite_node_id: legacyNodeId('CheckSuite', checkSuiteId),
      head_branch: run.headBranch,
      head_sha: run.headSha,
      path: run.workflowPath,
      display_title: run.displayTitle,
      run_number: run.runNumber,
      run_attempt: 1,
      referenced_workflows: [],
      event: run.event,
      status: state.status,
      conclusion: state.conclusion,
      workflow_id: run.workflowId,
      url,
      html_url: `${shapes.base}/${r.owner}/${r.name}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: run.createdAt,
      updated_at: state.updatedAt,
      actor: actorJson,
      triggering_actor: actorJson,
      run_started_at: run.createdAt,
      jobs_url: `${url}/jobs`,
      logs_url: `${url}/logs`,
      check_suite_url: `${repoApi}/check-suites/${checkSuiteId}`,
      artifacts_url: `${url}/artifacts`,
      cancel_url: `${url}/cancel`,
      rerun_url: `${url}/rerun`,
      previous_attempt_url: null,
      workflow_url: `${repoApi}/actions/workflows/${run.workflowId}`,
      head_commit: {
        id: run.headCommit.id,
        tree_id: run.headCommit.treeId,
        message: run.headCommit.message,
        timestamp: run.headCommit.timestamp,
        author: run.headCommit.author,
        committer: run.headCommit.committer,
      },
      repository,
      head_repository: repository,
      head_repository_id: r.id,
    };
  };

  router.get(new RegExp(`${RUNS}/?$`), async req => {
    const r = readableRepo(req);
    const q = req.query;
    const at = now();
    const runs = store.runs(r.id).filter(run => {
      if (q.get('branch') && run.headBranch !== q.get('branch')) return false;
      if (q.get('event') && run.event !== q.get('event')) return false;
      if (q.get('head_sha') && run.headSha !== q.get('head_sha')) return false;
      if (
        q.get('actor') &&
        run.actor.toLowerCase() !== q.get('actor')!.toLowerCase()
      )
        return false;
      const status = q.get('status');
      if (status) {
        const s = runState(run, at);
        if (s.status !== status && s.conclusion !== status) return false;
      }
      return true;
    });
    const { page, headers } = paginate(req, runs);
    sendJson(
      req.res,
      200,
      {
        total_count: runs.length,
        workflow_runs: await Promise.all(page.map(run => runJson(r, run))),
      },
      headers,
    );
  });

  router.get(new RegExp(`${RUNS}/(?<runId>\\d+)/?$`), async req => {
    const r = readableRepo(req);
    const run = store.runs(r.id).find(x => String(x.id) === req.params.runId);
    if (!run) throw notFound();
    sendJson(req.res, 200, await runJson(r, run));
  });
}
