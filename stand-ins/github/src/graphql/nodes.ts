/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* eslint-disable @typescript-eslint/no-use-before-define -- the node classes reference each other (User <-> Organization <-> Team <-> Repository) */
import type { FixtureTeam, FixtureUser } from '../fixture';
import { legacyNodeId } from '../fixture';
import type { RepoRecord } from '../state';
import type { Caller, World } from '../world';
import { connection, Ctx, notFound } from './connection';

/** Resolver objects (graphql-js default resolvers read their fields/methods). */
export class UserNode {
  readonly __typename = 'User';
  constructor(private readonly u: FixtureUser, private readonly w: World) {}
  get id() {
    return this.u.nodeId;
  }
  get databaseId() {
    return this.u.id;
  }
  get login() {
    return this.u.login;
  }
  get name() {
    return this.u.name;
  }
  get email() {
    return this.u.email;
  }
  get bio() {
    return this.u.bio ?? null;
  }
  get company() {
    return this.u.company ?? null;
  }
  get location() {
    return this.u.location ?? null;
  }
  get url() {
    return `${this.w.shapes.base}/${this.u.login}`;
  }
  avatarUrl() {
    return this.w.shapes.avatarUrl(this.u.login);
  }
  get suspendedAt() {
    return null;
  }
  organizationVerifiedDomainEmails(args: { login: string }) {
    return this.w.isOrg(args.login) && this.w.isMember(this.u.login)
      ? [this.u.email]
      : [];
  }
  organizations(args: any) {
    const orgs = this.w.isMember(this.u.login) ? [new OrgNode(this.w)] : [];
    return connection(orgs, args, 'organizations');
  }
  repositories(args: any, ctx: Ctx) {
    return connection(
      reposOf(this.w, this.u.login, ctx.caller),
      args,
      'repositories',
    );
  }
  repository(args: { name: string }, ctx: Ctx) {
    return repoNode(this.w, this.u.login, args.name, ctx.caller);
  }
}

export class OrgNode {
  readonly __typename = 'Organization';
  constructor(private readonly w: World) {}
  get id() {
    return this.w.org.nodeId;
  }
  get databaseId() {
    return this.w.org.id;
  }
  get login() {
    return this.w.org.login;
  }
  get name() {
    return this.w.org.name;
  }
  get description() {
    return this.w.org.description ?? null;
  }
  get email() {
    return this.w.org.email ?? null;
  }
  get url() {
    return `${this.w.shapes.base}/${this.w.org.login}`;
  }
  avatarUrl() {
    return this.w.shapes.avatarUrl(this.w.org.login);
  }
  membersWithRole(args: any) {
    const members = this.w.fixture.users
      .filter(u => u.orgRole !== 'none')
      .map(u => new UserNode(u, this.w));
    const conn = connection(members, args, 'membersWithRole');
    return {
      ...conn,
      edges: conn.edges.map(e => ({
        ...e,
        role:
          this.w.user(e.node.login)!.orgRole === 'admin' ? 'ADMIN' : 'MEMBER',
      })),
    };
  }
  teams(args: any) {
    let teams = this.w.fixture.teams;
    if (args.userLogins?.length) {
      const wanted = new Set<string>(
        args.userLogins.map((l: string) => l.toLowerCase()),
      );
      teams = teams.filter(t =>
        t.members.some(m => wanted.has(m.toLowerCase())),
      );
    }
    if (args.rootTeamsOnly) teams = teams.filter(t => !t.parent);
    if (args.query) {
      const q = String(args.query).toLowerCase();
      teams = teams.filter(
        t => t.slug.includes(q) || t.name.toLowerCase().includes(q),
      );
    }
    return connection(
      teams.map(t => new TeamNode(t, this.w)),
      args,
      'teams',
    );
  }
  team(args: { slug: string }) {
    const t = this.w.team(args.slug);
    return t ? new TeamNode(t, this.w) : null;
  }
  repositories(args: any, ctx: Ctx) {
    return connection(
      reposOf(this.w, this.w.org.login, ctx.caller),
      args,
      'repositories',
    );
  }
  repository(args: { name: string }, ctx: Ctx) {
    return repoNode(this.w, this.w.org.login, args.name, ctx.caller);
  }
}

export class TeamNode {
  readonly __typename = 'Team';
  constructor(private readonly t: FixtureTeam, private readonly w: World) {}
  get id() {
    return this.t.nodeId;
  }
  get databaseId() {
    return this.t.id;
  }
  get slug() {
    return this.t.slug;
  }
  get combinedSlug() {
    return `${this.w.org.login}/${this.t.slug}`;
  }
  get name() {
    return this.t.name;
  }
  get description() {
    return this.t.description ?? null;
  }
  avatarUrl() {
    return this.w.shapes.teamAvatarUrl(this.w.org.login, this.t.slug);
  }
  get url() {
    return `${this.w.shapes.base}/orgs/${this.w.org.login}/teams/${this.t.slug}`;
  }
  get editTeamUrl() {
    return `${this.url}/edit`;
  }
  get parentTeam() {
    const p = this.w.parentTeam(this.t);
    return p ? new TeamNode(p, this.w) : null;
  }
  get organization() {
    return new OrgNode(this.w);
  }
  members(args: any) {
    const membership = args.membership ?? 'ALL';
    const logins = new Set<string>();
    if (membership !== 'CHILD_TEAM') this.t.members.forEach(m => logins.add(m));
    if (membership !== 'IMMEDIATE') {
      const walk = (slug: string) => {
        for (const child of this.w.fixture.teams.filter(
          x => x.parent === slug,
        )) {
          child.members.forEach(m => logins.add(m));
          walk(child.slug);
        }
      };
      walk(this.t.slug);
    }
    const users = [...logins].map(l => new UserNode(this.w.user(l)!, this.w));
    return connection(users, args, 'members');
  }
}

export function reposOf(w: World, owner: string, caller: Caller) {
  return w
    .repos(owner)
    .filter(r => w.canRead(caller, r))
    .map(r => new RepoNode(r, w));
}

export function repoNode(
  w: World,
  owner: string,
  name: string,
  caller: Caller,
) {
  const r = w.state.findRepo(owner, name);
  if (!r || !w.canRead(caller, r)) {
    throw notFound(
      `Could not resolve to a Repository with the name '${owner}/${name}'.`,
    );
  }
  return new RepoNode(r, w);
}

export class RepoNode {
  readonly __typename = 'Repository';
  constructor(private readonly r: RepoRecord, private readonly w: World) {}
  get id() {
    return legacyNodeId('Repository', this.r.id);
  }
  get databaseId() {
    return this.r.id;
  }
  get name() {
    return this.r.name;
  }
  get nameWithOwner() {
    return `${this.r.owner}/${this.r.name}`;
  }
  get description() {
    return this.r.description;
  }
  get url() {
    return `${this.w.shapes.base}/${this.r.owner}/${this.r.name}`;
  }
  get isArchived() {
    return false;
  }
  get isFork() {
    return false;
  }
  get isPrivate() {
    return this.r.visibility !== 'public';
  }
  isEmpty() {
    return this.w.bare(this.r).isEmpty();
  }
  get visibility() {
    return this.r.visibility.toUpperCase();
  }
  get owner() {
    return this.w.isOrg(this.r.owner)
      ? new OrgNode(this.w)
      : new UserNode(this.w.user(this.r.owner)!, this.w);
  }
  async defaultBranchRef() {
    const bare = this.w.bare(this.r);
    if (await bare.isEmpty()) return null;
    const name = await this.w.defaultBranch(this.r);
    return { id: legacyNodeId('Ref', this.r.id), name, prefix: 'refs/heads/' };
  }
  async object(args: { expression?: string; oid?: string }) {
    const bare = this.w.bare(this.r);
    let found: { sha: string; type: string } | undefined;
    if (args.expression) found = await bare.resolveExpression(args.expression);
    else if (args.oid) {
      const type = await bare.objectType(args.oid);
      found = type ? { sha: args.oid, type } : undefined;
    }
    if (!found) return null;
    const base = {
      id: Buffer.from(`04:${found.type}${this.r.id}:${found.sha}`).toString(
        'base64',
      ),
      oid: found.sha,
      abbreviatedOid: found.sha.slice(0, 7),
    };
    if (found.type === 'blob') {
      const data = await bare.readBlob(found.sha);
      const isBinary = data.includes(0);
      return {
        __typename: 'Blob',
        ...base,
        byteSize: data.length,
        isBinary,
        isTruncated: false,
        text: isBinary ? null : data.toString('utf8'),
      };
    }
    if (found.type === 'tree') return { __typename: 'Tree', ...base };
    if (found.type === 'commit') {
      const info = await bare.commitInfo(found.sha);
      return { __typename: 'Commit', ...base, message: info.message };
    }
    return null;
  }
  repositoryTopics(args: any) {
    const topics = this.r.topics.map(name => ({
      id: legacyNodeId('RepositoryTopic', this.r.id),
      url: `${this.w.shapes.base}/topics/${name}`,
      topic: { id: legacyNodeId('Topic', name.length), name },
    }));
    return connection(topics, args, 'repositoryTopics');
  }
}
