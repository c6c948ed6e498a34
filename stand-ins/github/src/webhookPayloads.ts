/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { git } from './git';
import type { FixtureTeam, FixtureUser } from './fixture';
import type { RepoRecord } from './state';
import type { World } from './world';

// Webhook payloads as GitHub sends them for an organization webhook: the
// shapes of `webhook-push`, `webhook-repository-created` and
// `webhook-membership-added`/`-removed` in GitHub's webhooks OpenAPI
// description (@octokit/openapi-webhooks; webhookPayloads.test.ts checks
// every payload against it).

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function sender(world: World, user: FixtureUser) {
  return world.shapes.simpleUser(user);
}

/** The organization block every organization webhook carries. */
function organization(world: World) {
  return world.shapes.organizationSimple(world.org);
}

/** `full-repository` without what only the REST API answers with. */
async function repository(world: World, r: RepoRecord) {
  const {
    permissions: _permissions,
    temp_clone_token: _token,
    ...repo
  } = world.shapes.fullRepository(
    r,
    world.ownerAccount(r),
    null,
    await world.defaultBranch(r),
    { admin: true, maintain: true, push: true, triage: true, pull: true },
  );
  return repo;
}

export async function repositoryCreatedPayload(
  world: World,
  r: RepoRecord,
  creator: FixtureUser,
) {
  const repo = await repository(world, r);
  return {
    action: 'created',
    repository: repo,
    organization: organization(world),
    sender: sender(world, creator),
  };
}

interface CommitFiles {
  added: string[];
  removed: string[];
  modified: string[];
}

/** Files a commit added, removed and modified, relative to its first parent. */
async function commitFiles(gitDir: string, sha: string): Promise<CommitFiles> {
  const out = await git([
    '--git-dir',
    gitDir,
    'diff-tree',
    '--root',
    '--no-commit-id',
    '--name-status',
    '-r',
    '--no-renames',
    sha,
  ]);
  const files: CommitFiles = { added: [], removed: [], modified: [] };
  for (const line of out.stdout.toString('utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const status = line.slice(0, tab);
    const path = line.slice(tab + 1);
    if (status === 'A') files.added.push(path);
    else if (status === 'D') files.removed.push(path);
    else files.modified.push(path);
  }
  return files;
}

/** Commits reachable from `after` and not from `before` (oldest first). */
async function newCommits(
  gitDir: string,
  before: string | undefined,
  after: string,
) {
  const range = before ? [`${before}..${after}`] : [after];
  const out = await git([
    '--git-dir',
    gitDir,
    'rev-list',
    '--reverse',
    ...range,
  ]);
  return out.stdout.toString('utf8').split('\n').filter(Boolean);
}

const ZERO = '0000000000000000000000000000000000000000';

/**
 * One `push` payload per branch the push changed (GitHub sends one delivery
 * per ref), with the commits and the files each added, removed or modified.
 */
export async function pushPayloads(
  world: World,
  r: RepoRecord,
  before: Array<{ name: string; sha: string }>,
  pusher: FixtureUser | undefined,
) {
  const bare = world.bare(r);
  const after = await bare.branches();
  const heads = new Map(before.map(b => [b.name, b.sha]));
  const changed = [
    ...after.filter(b => heads.get(b.name) !== b.sha),
    ...before
      .filter(b => !after.some(a => a.name === b.name))
      .map(b => ({ name: b.name, sha: ZERO })),
  ];
  const full = `${r.owner}/${r.name}`;
  const htmlUrl = `${world.baseUrl}/${full}`;
  const repo = await repository(world, r);
  // Push payloads carry timestamps as seconds since the epoch, and the owner
  // with its name and e-mail.
  const pushRepo = {
    ...repo,
    created_at: seconds(r.createdAt),
    pushed_at: seconds(r.pushedAt ?? r.createdAt),
    owner: {
      ...repo.owner,
      name: (repo.owner as { login: string }).login,
      email: world.isOrg(r.owner) ? world.org.email ?? null : null,
    },
    stargazers: 0,
    master_branch: repo.default_branch,
    organization: world.isOrg(r.owner) ? world.org.login : undefined,
  };
  const person = pusher ?? world.user(world.fixture.integrationUser)!;

  const payloads = [];
  for (const branch of changed) {
    const previous = heads.get(branch.name);
    const deleted = branch.sha === ZERO;
    const shas = deleted
      ? []
      : await newCommits(bare.dir, previous, branch.sha);
    const commits = [];
    for (const sha of shas) {
      const info = await bare.commitInfo(sha);
      commits.push({
        id: sha,
        tree_id: info.tree,
        distinct: true,
        message: info.message,
        timestamp: info.committer.date,
        url: `${htmlUrl}/commit/${sha}`,
        author: {
          name: info.author.name,
          email: info.author.email,
          date: info.author.date,
        },
        committer: {
          name: info.committer.name,
          email: info.committer.email,
          date: info.committer.date,
        },
        ...(await commitFiles(bare.dir, sha)),
      });
    }
    payloads.push({
      ref: `refs/heads/${branch.name}`,
      before: previous ?? ZERO,
      after: branch.sha,
      created: previous === undefined,
      deleted,
      forced: false,
      base_ref: null,
      compare: `${htmlUrl}/compare/${(previous ?? ZERO).slice(
        0,
        12,
      )}...${branch.sha.slice(0, 12)}`,
      commits,
      head_commit: commits.length > 0 ? commits[commits.length - 1] : null,
      repository: pushRepo,
      pusher: { name: person.login, email: person.email ?? null },
      organization: world.isOrg(r.owner) ? organization(world) : undefined,
      sender: sender(world, person),
    });
  }
  return payloads;
}

/** `membership` (added/removed): a user joined or left a team. */
export function membershipPayload(
  world: World,
  action: 'added' | 'removed',
  team: FixtureTeam,
  member: FixtureUser,
  by: FixtureUser,
) {
  const parent = world.parentTeam(team);
  return {
    action,
    scope: 'team',
    member: world.shapes.simpleUser(member),
    sender: sender(world, by),
    team: {
      ...world.shapes.teamSimple(world.org, team),
      parent: parent ? world.shapes.teamSimple(world.org, parent) : null,
    },
    organization: organization(world),
  };
}
