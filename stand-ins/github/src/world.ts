/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
// What the stand-in knows: the fixture's people and teams, tokens, and
// repositories with who may read, write and administer them. It is one
// class (a little over 400 lines) because every route asks it the same
// questions (who is calling, may they touch this repository); the routes
// live in files of their own.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Fixture,
  FixtureOAuthApp,
  FixtureTeam,
  FixtureUser,
} from './fixture';
import { BareRepo } from './git';
import { Shapes } from './shapes';
import { RepoRecord, StateStore, TokenRecord } from './state';

export interface Caller {
  user: FixtureUser;
  kind: 'integration' | 'oauth';
  scopes: string[];
}

/** A finished push: who pushed, and the branches before it. */
export interface PushInfo {
  pusher?: Caller;
  before: Array<{ name: string; sha: string }>;
}

export type AuthResult =
  | { ok: true; caller: Caller }
  | { ok: false; reason: 'missing' | 'bad' };

export interface CreateRepoInput {
  name: string;
  description?: string | null;
  homepage?: string | null;
  visibility?: 'public' | 'private' | 'internal';
  private?: boolean;
  auto_init?: boolean;
  has_issues?: boolean;
  has_projects?: boolean;
  has_wiki?: boolean;
  allow_squash_merge?: boolean;
  allow_merge_commit?: boolean;
  allow_rebase_merge?: boolean;
  allow_auto_merge?: boolean;
  delete_branch_on_merge?: boolean;
  /** Stand-in only (fixture repositories); GitHub always starts with `main`. */
  defaultBranch?: string;
}

const TOKEN_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(prefix: string) {
  const bytes = randomBytes(36);
  let out = prefix;
  for (const b of bytes) out += TOKEN_ALPHABET[b % TOKEN_ALPHABET.length];
  return out;
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

/** A change GitHub would announce with a webhook (see webhooks.ts). */
export type WorldChange =
  | { kind: 'repository-created'; repo: RepoRecord; sender: FixtureUser }
  | {
      kind: 'push';
      repo: RepoRecord;
      pusher?: FixtureUser;
      /** Branch heads before the push. */
      before: Array<{ name: string; sha: string }>;
    };

/** Everything the stand-in knows: fixture (people), state (repos, tokens), bare repos. */
export class World {
  readonly shapes: Shapes;
  /** Called after each change; webhooks.ts turns them into deliveries. */
  readonly observers: Array<(change: WorldChange) => void> = [];
  readonly reposDir: string;
  /** Called after every successful push (e.g. to record Actions runs). */
  readonly pushListeners: Array<
    (r: RepoRecord, push: PushInfo) => Promise<void>
  > = [];
  private readonly integrationTokenHash: Buffer;

  constructor(
    readonly fixture: Fixture,
    readonly state: StateStore,
    readonly dataDir: string,
    readonly baseUrl: string,
    integrationToken: string,
    readonly oauthTokenTtlSeconds: number | undefined,
  ) {
    this.shapes = new Shapes(baseUrl, '2026-01-05T09:00:00Z');
    this.reposDir = join(dataDir, 'repos');
    mkdirSync(this.reposDir, { recursive: true });
    this.integrationTokenHash = Buffer.from(hashToken(integrationToken), 'hex');
  }

  get org() {
    return this.fixture.organization;
  }

  isOrg(login: string) {
    return login.toLowerCase() === this.org.login.toLowerCase();
  }

  user(login: string): FixtureUser | undefined {
    const l = login.toLowerCase();
    return this.fixture.users.find(u => u.login.toLowerCase() === l);
  }

  isMember(login: string) {
    const u = this.user(login);
    return !!u && u.orgRole !== 'none';
  }

  team(slug: string): FixtureTeam | undefined {
    return this.fixture.teams.find(
      t => t.slug.toLowerCase() === slug.toLowerCase(),
    );
  }

  parentTeam(t: FixtureTeam) {
    return t.parent ? this.team(t.parent) : undefined;
  }

  oauthApp(clientId: string): FixtureOAuthApp | undefined {
    return this.fixture.oauthApps.find(a => a.clientId === clientId);
  }

  // --- tokens -------------------------------------------------------------

  issueOAuthToken(login: string, clientId: string, scopes: string[]) {
    const token = randomToken('gho_');
    const now = Date.now();
    const record: TokenRecord = {
      hash: hashToken(token),
      login,
      clientId,
      scopes,
      createdAt: new Date(now).toISOString(),
      ...(this.oauthTokenTtlSeconds
        ? {
            expiresAt: new Date(
              now + this.oauthTokenTtlSeconds * 1000,
            ).toISOString(),
          }
        : {}),
    };
    this.state.data.tokens.push(record);
    this.state.save();
    return token;
  }

  findToken(token: string): TokenRecord | undefined {
    const h = hashToken(token);
    return this.state.data.tokens.find(t => t.hash === h);
  }

  revokeToken(token: string): boolean {
    const t = this.findToken(token);
    if (!t || t.revoked) return false;
    t.revoked = true;
    this.state.save();
    return true;
  }

  /** Resolves a raw token (integration or OAuth) to its caller. */
  authenticateToken(token: string): Caller | undefined {
    const h = Buffer.from(hashToken(token), 'hex');
    if (timingSafeEqual(h, this.integrationTokenHash)) {
      const user = this.user(this.fixture.integrationUser)!;
      return {
        user,
        kind: 'integration',
        scopes: ['repo', 'read:org', 'read:user', 'user:email', 'workflow'],
      };
    }
    const t = this.findToken(token);
    if (!t || t.revoked) return undefined;
    if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return undefined;
    const user = this.user(t.login);
    if (!user) return undefined;
    return { user, kind: 'oauth', scopes: t.scopes };
  }

  /**
   * Reads `Authorization: token X`, `Bearer X` or `Basic base64(user:X)`
   * (git over HTTP sends `x-access-token:<token>`).
   */
  authenticate(header: string | undefined): AuthResult {
    if (!header) return { ok: false, reason: 'missing' };
    const m = /^(token|bearer|basic)\s+(\S+)\s*$/i.exec(header);
    if (!m) return { ok: false, reason: 'bad' };
    let token = m[2];
    if (m[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { ok: false, reason: 'bad' };
      token = decoded.slice(colon + 1);
      if (!token) return { ok: false, reason: 'missing' };
    }
    const caller = this.authenticateToken(token);
    return caller ? { ok: true, caller } : { ok: false, reason: 'bad' };
  }

  // --- repositories -------------------------------------------------------

  bare(r: RepoRecord) {
    return new BareRepo(join(this.reposDir, r.owner, `${r.name}.git`));
  }

  repos(owner: string) {
    return this.state.data.repos.filter(
      r => r.owner.toLowerCase() === owner.toLowerCase(),
    );
  }

  canRead(caller: Caller | undefined, r: RepoRecord) {
    if (r.visibility === 'public') return true;
    if (!caller) return false;
    if (this.isOrg(r.owner)) {
      if (this.isMember(caller.user.login)) return true;
      return caller.user.login in r.collaborators;
    }
    return (
      r.owner.toLowerCase() === caller.user.login.toLowerCase() ||
      caller.user.login in r.collaborators
    );
  }

  canWrite(caller: Caller | undefined, r: RepoRecord) {
    if (!caller) return false;
    if (this.isOrg(r.owner)) {
      return (
        this.isMember(caller.user.login) || caller.user.login in r.collaborators
      );
    }
    return (
      r.owner.toLowerCase() === caller.user.login.toLowerCase() ||
      caller.user.login in r.collaborators
    );
  }

  isAdminOf(caller: Caller, r: RepoRecord) {
    if (this.isOrg(r.owner)) {
      if (caller.user.orgRole === 'admin') return true;
      if (r.collaborators[caller.user.login] === 'admin') return true;
      return Object.entries(r.teams).some(
        ([slug, perm]) =>
          perm === 'admin' &&
          this.team(slug)?.members.includes(caller.user.login),
      );
    }
    return r.owner.toLowerCase() === caller.user.login.toLowerCase();
  }

  permissions(caller: Caller | undefined, r: RepoRecord) {
    const admin = !!caller && this.isAdminOf(caller, r);
    const push = this.canWrite(caller, r);
    return {
      admin,
      maintain: admin,
      push,
      triage: push,
      pull: this.canRead(caller, r),
    };
  }

  ownerAccount(r: RepoRecord): object {
    if (this.isOrg(r.owner)) return this.shapes.simpleOrgAccount(this.org);
    return this.shapes.simpleUser(this.user(r.owner)!);
  }

  async defaultBranch(r: RepoRecord) {
    return (await this.bare(r).headBranch()) ?? r.defaultBranch;
  }

  async repoJson(r: RepoRecord, caller: Caller | undefined) {
    const owner = this.ownerAccount(r);
    return this.shapes.fullRepository(
      r,
      owner,
      this.isOrg(r.owner) ? owner : null,
      await this.defaultBranch(r),
      this.permissions(caller, r),
    );
  }

  /** Creates the record and the bare repository; `undefined` if the name is taken. */
  async createRepo(
    owner: string,
    input: CreateRepoInput,
    creator: FixtureUser,
    seedDir?: string,
    id?: number,
  ): Promise<RepoRecord | undefined> {
    if (this.state.findRepo(owner, input.name)) return undefined;
    const now = new Date().toISOString();
    const visibility =
      input.visibility ?? (input.private === false ? 'public' : 'private');
    const record: RepoRecord = {
      id: id ?? this.state.nextId(),
      owner,
      name: input.name,
      description: input.description ?? null,
      homepage: input.homepage ?? null,
      visibility,
      topics: [],
      defaultBranch: input.defaultBranch ?? 'main',
      createdAt: now,
      updatedAt: now,
      pushedAt: null,
      hasIssues: input.has_issues ?? true,
      hasProjects: input.has_projects ?? true,
      hasWiki: input.has_wiki ?? true,
      allowSquashMerge: input.allow_squash_merge ?? true,
      allowMergeCommit: input.allow_merge_commit ?? true,
      allowRebaseMerge: input.allow_rebase_merge ?? true,
      allowAutoMerge: input.allow_auto_merge ?? false,
      deleteBranchOnMerge: input.delete_branch_on_merge ?? false,
      teams: {},
      collaborators: { [creator.login]: 'admin' },
      protections: {},
      statuses: {},
    };
    const dir = this.bare(record).dir;
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    const bare = await BareRepo.create(dir, record.defaultBranch);
    if (seedDir) {
      await bare.seed(seedDir, record.defaultBranch, 'Initial commit');
      record.pushedAt = now;
    } else if (input.auto_init) {
      const tmp = mkdtempSync(join(tmpdir(), 'gh-standin-init-'));
      try {
        writeFileSync(
          join(tmp, 'README.md'),
          `# ${record.name}\n${
            record.description ? `\n${record.description}\n` : ''
          }`,
        );
        await bare.seed(tmp, record.defaultBranch, 'Initial commit');
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      record.pushedAt = now;
    }
    this.state.data.repos.push(record);
    this.state.save();
    this.observers.forEach(o =>
      o({ kind: 'repository-created', repo: record, sender: creator }),
    );
    return record;
  }

  /** Creates fixture repositories that do not exist yet (first start). */
  async seedFixtureRepos() {
    const creator = this.user(this.fixture.integrationUser)!;
    for (const r of this.fixture.repositories) {
      if (this.state.findRepo(this.org.login, r.name)) continue;
      if (!existsSync(r.source)) {
        throw new Error(`Fixture repository source ${r.source} does not exist`);
      }
      const record = await this.createRepo(
        this.org.login,
        {
          name: r.name,
          description: r.description,
          visibility: r.visibility,
          defaultBranch: r.defaultBranch,
        },
        creator,
        r.source,
        r.id,
      );
      if (record) {
        record.topics = r.topics;
        delete record.collaborators[creator.login];
        this.state.save();
      }
    }
  }

  /** After a push: an empty repo's default branch becomes the first pushed branch. */
  async afterPush(r: RepoRecord, push: PushInfo = { before: [] }) {
    const bare = this.bare(r);
    const branches = await bare.branches();
    const head = await bare.headBranch();
    if (branches.length > 0 && !branches.some(b => b.name === head)) {
      const pick =
        branches.find(b => b.name === r.defaultBranch) ?? branches[0];
      await bare.setHeadBranch(pick.name);
    }
    const now = new Date().toISOString();
    r.pushedAt = now;
    r.updatedAt = now;
    this.state.save();
    for (const listener of this.pushListeners) await listener(r, push);
    this.observers.forEach(o =>
      o({
        kind: 'push',
        repo: r,
        pusher: push.pusher?.user,
        before: push.before,
      }),
    );
  }
}
