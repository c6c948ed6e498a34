/* eslint-disable @typescript-eslint/no-use-before-define -- the node classes reference each other (User <-> Organization <-> Team <-> Repository) */
import { buildSchema, graphql, GraphQLError, GraphQLSchema } from 'graphql';
import type { FixtureTeam, FixtureUser } from './fixture';
import { legacyNodeId } from './fixture';
import { Request, Router, sendJson } from './http';
import type { RepoRecord } from './state';
import type { Caller, World } from './world';

/**
 * The part of GitHub's GraphQL schema that Backstage's GitHub modules query
 * (org users and teams with paging, repositories with their catalog file,
 * a user's organizations). Field names, types and nullability follow
 * GitHub's public schema.
 */
const SDL = /* GraphQL */ `
  scalar URI
  scalar DateTime
  scalar GitObjectID

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum TeamMembershipType {
    IMMEDIATE
    CHILD_TEAM
    ALL
  }
  enum RepositoryVisibility {
    PRIVATE
    PUBLIC
    INTERNAL
  }
  enum OrganizationMemberRole {
    MEMBER
    ADMIN
  }

  interface Node {
    id: ID!
  }

  interface RepositoryOwner {
    id: ID!
    login: String!
    url: URI!
    avatarUrl(size: Int): URI!
    repositories(
      first: Int
      after: String
      last: Int
      before: String
      isFork: Boolean
    ): RepositoryConnection!
    repository(name: String!, followRenames: Boolean): Repository
  }

  type Organization implements Node & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    description: String
    email: String
    url: URI!
    avatarUrl(size: Int): URI!
    membersWithRole(
      first: Int
      after: String
      last: Int
      before: String
    ): OrganizationMemberConnection!
    teams(
      first: Int
      after: String
      last: Int
      before: String
      userLogins: [String!]
      query: String
      rootTeamsOnly: Boolean
    ): TeamConnection!
    team(slug: String!): Team
    repositories(
      first: Int
      after: String
      last: Int
      before: String
      isFork: Boolean
    ): RepositoryConnection!
    repository(name: String!, followRenames: Boolean): Repository
  }

  type User implements Node & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    email: String!
    bio: String
    company: String
    location: String
    url: URI!
    avatarUrl(size: Int): URI!
    suspendedAt: DateTime
    organizationVerifiedDomainEmails(login: String!): [String!]!
    organizations(
      first: Int
      after: String
      last: Int
      before: String
    ): OrganizationConnection!
    repositories(
      first: Int
      after: String
      last: Int
      before: String
      isFork: Boolean
    ): RepositoryConnection!
    repository(name: String!, followRenames: Boolean): Repository
  }

  type OrganizationMemberEdge {
    cursor: String!
    node: User
    role: OrganizationMemberRole
  }
  type OrganizationMemberConnection {
    edges: [OrganizationMemberEdge]
    nodes: [User]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type OrganizationConnection {
    nodes: [Organization]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Team implements Node {
    id: ID!
    databaseId: Int
    slug: String!
    combinedSlug: String!
    name: String!
    description: String
    avatarUrl(size: Int): URI
    url: URI!
    editTeamUrl: URI!
    parentTeam: Team
    organization: Organization!
    members(
      first: Int
      after: String
      last: Int
      before: String
      membership: TeamMembershipType
      query: String
    ): TeamMemberConnection!
  }

  type TeamEdge {
    cursor: String!
    node: Team
  }
  type TeamConnection {
    edges: [TeamEdge]
    nodes: [Team]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type TeamMemberEdge {
    cursor: String!
    node: User!
  }
  type TeamMemberConnection {
    edges: [TeamMemberEdge]
    nodes: [User]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  interface GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }
  type Blob implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    byteSize: Int!
    isBinary: Boolean
    isTruncated: Boolean!
    text: String
  }
  type Tree implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }
  type Commit implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    message: String!
  }

  type Topic implements Node {
    id: ID!
    name: String!
  }
  type RepositoryTopic implements Node {
    id: ID!
    topic: Topic!
    url: URI!
  }
  type RepositoryTopicConnection {
    nodes: [RepositoryTopic]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Ref implements Node {
    id: ID!
    name: String!
    prefix: String!
  }

  type Repository implements Node {
    id: ID!
    databaseId: Int
    name: String!
    nameWithOwner: String!
    description: String
    url: URI!
    isArchived: Boolean!
    isFork: Boolean!
    isPrivate: Boolean!
    isEmpty: Boolean!
    visibility: RepositoryVisibility!
    owner: RepositoryOwner!
    defaultBranchRef: Ref
    object(expression: String, oid: GitObjectID): GitObject
    repositoryTopics(
      first: Int
      after: String
      last: Int
      before: String
    ): RepositoryTopicConnection!
  }

  type RepositoryConnection {
    nodes: [Repository]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type Query {
    organization(login: String!): Organization
    user(login: String!): User
    repositoryOwner(login: String!): RepositoryOwner
    repository(
      owner: String!
      name: String!
      followRenames: Boolean
    ): Repository
    viewer: User!
    node(id: ID!): Node
  }
`;

interface Ctx {
  caller: Caller;
  world: World;
}

const encodeCursor = (i: number) =>
  Buffer.from(`cursor:v2:${i}`).toString('base64');
const decodeCursor = (c: string | null | undefined): number => {
  if (!c) return -1;
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'));
  if (!m)
    throw new GraphQLError(`\`${c}\` does not appear to be a valid cursor.`, {
      extensions: { type: 'INVALID_CURSOR_ARGUMENTS' },
    });
  return Number(m[1]);
};

/** Forward paging with GitHub's limits (first: 1..100). */
function connection<T>(
  items: T[],
  args: { first?: number | null; after?: string | null },
  field: string,
) {
  const first = args.first;
  if (first === undefined || first === null) {
    throw new GraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
      {
        extensions: { type: 'MISSING_PAGINATION_BOUNDARIES' },
      },
    );
  }
  if (first > 100 || first < 0) {
    throw new GraphQLError(
      `Requesting ${first} records on the \`${field}\` connection exceeds the \`first\` limit of 100 records.`,
      { extensions: { type: 'EXCESSIVE_PAGINATION' } },
    );
  }
  const start = decodeCursor(args.after) + 1;
  const slice = items.slice(start, start + first);
  return {
    nodes: slice,
    edges: slice.map((node, i) => ({ cursor: encodeCursor(start + i), node })),
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? encodeCursor(start) : null,
      endCursor: slice.length ? encodeCursor(start + slice.length - 1) : null,
    },
  };
}

function notFound(message: string) {
  return new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });
}

/** Resolver objects (graphql-js default resolvers read their fields/methods). */
class UserNode {
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

class OrgNode {
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

class TeamNode {
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

function reposOf(w: World, owner: string, caller: Caller) {
  return w
    .repos(owner)
    .filter(r => w.canRead(caller, r))
    .map(r => new RepoNode(r, w));
}

function repoNode(w: World, owner: string, name: string, caller: Caller) {
  const r = w.state.findRepo(owner, name);
  if (!r || !w.canRead(caller, r)) {
    throw notFound(
      `Could not resolve to a Repository with the name '${owner}/${name}'.`,
    );
  }
  return new RepoNode(r, w);
}

class RepoNode {
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

/** Abstract types resolve through the `__typename` our objects carry. */
function withTypeResolvers(schema: GraphQLSchema) {
  for (const name of ['Node', 'RepositoryOwner', 'GitObject']) {
    const t: any = schema.getType(name);
    t.resolveType = (value: any) => value.__typename;
  }
  return schema;
}

export function addGraphqlRoutes(router: Router, world: World) {
  const schema = withTypeResolvers(buildSchema(SDL));
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
