/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { git } from '../git';
import type { RepoRecord } from '../state';
import type { PushInfo, World } from '../world';
import { ActionsStore } from './store';
import {
  parseWorkflow,
  PushEvent,
  skipsWorkflows,
  triggersOnPush,
  WorkflowFile,
} from './workflows';

const WORKFLOWS_DIR = '.github/workflows';

export interface RecorderOptions {
  /** How long a recorded run reports `in_progress`. */
  runDurationMs: number;
  now?: () => Date;
  /**
   * The repository's Actions variables and secrets at the time of the push.
   * A run whose workflow reads a `vars.X` or `secrets.X` the repository did
   * not have then concludes `failure`: GitHub starts it anyway and its steps
   * get empty values.
   */
  settings?: {
    variables(repoId: number): { name: string }[];
    secrets(repoId: number): { name: string }[];
  };
}

/** `vars.X` and `secrets.X` a workflow reads (GITHUB_TOKEN always exists). */
export function referencedSettings(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(
    /\b(vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)/g,
  )) {
    if (m[1] === 'secrets' && m[2].toUpperCase() === 'GITHUB_TOKEN') continue;
    names.add(`${m[1]}.${m[2].toUpperCase()}`);
  }
  return [...names].sort();
}

/** The files a push changed; every file of the commit for a new branch. */
async function changedFiles(
  gitDir: string,
  before: string | undefined,
  after: string,
): Promise<string[]> {
  const args = before
    ? ['diff', '--name-only', '-z', before, after]
    : ['ls-tree', '-r', '--name-only', '-z', after];
  const result = await git(['--git-dir', gitDir, ...args]);
  if (result.code !== 0) {
    // `before` is gone (a forced push over a pruned commit): all files.
    if (before) return changedFiles(gitDir, undefined, after);
    return [];
  }
  return result.stdout.toString('utf8').split('\0').filter(Boolean);
}

async function workflowFiles(
  world: World,
  r: RepoRecord,
  commit: string,
): Promise<WorkflowFile[]> {
  const bare = world.bare(r);
  const dir = await bare.objectAt(commit, WORKFLOWS_DIR);
  if (dir?.type !== 'tree') return [];
  const entries = await bare.listTree(dir.sha, false);
  const files = entries.filter(
    e => e.type === 'blob' && /\.ya?ml$/.test(e.path),
  );
  return Promise.all(
    files.map(async e => ({
      path: `${WORKFLOWS_DIR}/${e.path}`,
      text: (await bare.readBlob(e.sha)).toString('utf8'),
    })),
  );
}

/**
 * Records a workflow run for every workflow GitHub Actions would start on a
 * push: for each branch the push created or moved, the workflows of the
 * pushed commit whose `on.push` filter matches, unless the head commit says
 * `[skip ci]`. A run is `in_progress` for `runDurationMs`, then `completed`
 * with conclusion `success` (`failure` for a workflow file GitHub cannot
 * read, or one that reads a variable or secret the repository did not have
 * at the push). No job is executed.
 */
export function createActionsRecorder(
  world: World,
  store: ActionsStore,
  options: RecorderOptions,
) {
  const now = options.now ?? (() => new Date());

  function missingSettings(repoId: number, text: string): string[] {
    if (!options.settings) return [];
    const present = new Set([
      ...options.settings
        .variables(repoId)
        .map(v => `vars.${v.name.toUpperCase()}`),
      ...options.settings
        .secrets(repoId)
        .map(v => `secrets.${v.name.toUpperCase()}`),
    ]);
    return referencedSettings(text).filter(n => !present.has(n));
  }

  return async function recordPush(r: RepoRecord, push: PushInfo) {
    const bare = world.bare(r);
    const before = new Map(push.before.map(b => [b.name, b.sha]));
    const actor = push.pusher?.user.login ?? world.fixture.integrationUser;
    let recorded = 0;
    for (const branch of await bare.branches()) {
      const previous = before.get(branch.name);
      if (previous === branch.sha) continue;
      const commit = await bare.commitInfo(branch.sha);
      if (skipsWorkflows(commit.message)) continue;
      const event: PushEvent = {
        branch: branch.name,
        changedFiles: await changedFiles(bare.dir, previous, branch.sha),
        headCommitMessage: commit.message,
      };
      const createdAt = now().toISOString();
      for (const file of await workflowFiles(world, r, branch.sha)) {
        const workflow = parseWorkflow(file);
        if (!triggersOnPush(workflow, event)) continue;
        const wf = store.workflow(r.id, file.path, workflow.name, createdAt);
        const succeeds =
          workflow.valid && missingSettings(r.id, file.text).length === 0;
        store.addRun(r.id, {
          workflowId: wf.id,
          workflowPath: file.path,
          name: workflow.name,
          event: 'push',
          headBranch: branch.name,
          headSha: branch.sha,
          displayTitle: commit.message.split('\n')[0],
          actor,
          createdAt,
          durationMs: workflow.valid ? options.runDurationMs : 0,
          conclusion: succeeds ? 'success' : 'failure',
          headCommit: {
            id: commit.sha,
            treeId: commit.tree,
            message: commit.message,
            timestamp: commit.committer.date,
            author: { name: commit.author.name, email: commit.author.email },
            committer: {
              name: commit.committer.name,
              email: commit.committer.email,
            },
          },
        });
        recorded += 1;
      }
    }
    if (recorded > 0) store.save();
  };
}
