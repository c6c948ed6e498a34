import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { FixtureUser } from './fixture';
import { legacyNodeId } from './fixture';
import { git, gitOk } from './git';
import type { TreeEntry } from './git';
import { Request, Router, sendJson, sendText } from './http';
import { errorBody } from './shapes';
import type { RepoRecord, StatusRecord } from './state';
import type { Caller, CreateRepoInput, World } from './world';

const DOC = 'https://docs.github.com/rest';
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/;

/** A REST error carrying GitHub's JSON error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly documentationUrl = DOC,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const notFound = (message = 'Not Found') => new ApiError(404, message);

function validationFailed(
  message: string,
  errors: object[],
  documentationUrl = DOC,
) {
  return new ApiError(422, message, { errors }, documentationUrl);
}

/** `/api/v3` + path pattern (written without the prefix). */
function api(re: string) {
  return new RegExp(`^/api/v3${re}/?$`);
}

const OWNER = '(?<owner>[A-Za-z0-9-]+)';
const REPO = '(?<repo>[A-Za-z0-9._-]+)';

function wrapBase64(buf: Buffer) {
  return `${(buf.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n')}\n`;
}

function visibilityFromPrivate(
  isPrivate: unknown,
): 'private' | 'public' | undefined {
  if (isPrivate === true) return 'private';
  if (isPrivate === false) return 'public';
  return undefined;
}

function combinedState(statuses: StatusRecord[]) {
  if (statuses.length === 0) return 'pending';
  if (statuses.some(s => s.state === 'error' || s.state === 'failure'))
    return 'failure';
  if (statuses.some(s => s.state === 'pending')) return 'pending';
  return 'success';
}

function enforcementLevel(protection: any) {
  if (!protection?.required_status_checks) return 'off';
  return protection.enforce_admins?.enabled ? 'everyone' : 'non_admins';
}

const GIT_COLLECTION: Record<string, string> = {
  tree: 'trees',
  blob: 'blobs',
  commit: 'commits',
};

function etagOf(data: Buffer | string) {
  return `"${createHash('sha1').update(data).digest('hex')}"`;
}

export function paginate<T>(
  req: Request,
  items: T[],
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(
    Math.max(parseInt(req.query.get('per_page') ?? '30', 10) || 30, 1),
    100,
  );
  const pageNo = Math.max(parseInt(req.query.get('page') ?? '1', 10) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `<${req.path}?${q}>; rel="${rel}"`;
  };
  if (pageNo < lastPage)
    links.push(link(pageNo + 1, 'next'), link(lastPage, 'last'));
  if (pageNo > 1) links.push(link(1, 'first'), link(pageNo - 1, 'prev'));
  return { page, headers: links.length ? { Link: links.join(', ') } : {} };
}

export function addRestRoutes(router: Router, world: World) {
  const shapes = world.shapes;
  const A = shapes.api;
  const org = world.org;

  // --- helpers -----------------------------------------------------------

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

  const contentItem = (
    r: RepoRecord,
    ref: string,
    e: { path: string; sha: string; size: number; type: string },
  ) => {
    const base = `${A}/repos/${r.owner}/${r.name}`;
    const self = `${base}/contents/${e.path}?ref=${encodeURIComponent(ref)}`;
    const gitUrl =
      e.type === 'dir'
        ? `${base}/git/trees/${e.sha}`
        : `${base}/git/blobs/${e.sha}`;
    const html = `${shapes.base}/${r.owner}/${r.name}/${
      e.type === 'dir' ? 'tree' : 'blob'
    }/${ref}/${e.path}`;
    return {
      type: e.type,
      size: e.size,
      name: e.path.split('/').pop() ?? e.path,
      path: e.path,
      sha: e.sha,
      url: self,
      git_url: gitUrl,
      html_url: html,
      download_url:
        e.type === 'file'
          ? `${shapes.base}/raw/${r.owner}/${r.name}/${ref}/${e.path}`
          : null,
      _links: { self, git: gitUrl, html },
    };
  };

  const entryType = (e: TreeEntry) => {
    if (e.type === 'tree') return 'dir';
    if (e.type === 'commit') return 'submodule';
    return e.mode === '120000' ? 'symlink' : 'file';
  };

  const isRaw = (req: Request) =>
    /application\/vnd\.github(\.v3)?\.raw/.test(req.header('accept') ?? '');

  const conditional = (req: Request, etag: string, lastModified?: Date) => {
    const inm = req.header('if-none-match');
    if (
      inm &&
      inm
        .split(',')
        .map(s => s.trim().replace(/^W\//, ''))
        .includes(etag)
    )
      return true;
    const ims = req.header('if-modified-since');
    if (
      !inm &&
      ims &&
      lastModified &&
      lastModified.getTime() <= Date.parse(ims)
    )
      return true;
    return false;
  };

  const sendNotModified = (req: Request, etag: string) => {
    req.res.writeHead(304, { ETag: etag });
    req.res.end();
  };

  /** Contents API and raw host share this. */
  const serveContents = async (
    req: Request,
    r: RepoRecord,
    path: string,
    ref: string | null,
    raw: boolean,
  ) => {
    const { sha: commit, name: refName } = await resolveRef(r, ref);
    const bare = world.bare(r);
    const clean = path.replace(/^\/+|\/+$/g, '');
    const obj = clean
      ? await bare.objectAt(commit, clean)
      : { sha: commit, type: 'tree' };
    if (!obj) throw notFound();
    const lastModified = await bare.lastModified(commit, clean);
    const lmHeader: Record<string, string> = lastModified
      ? { 'Last-Modified': lastModified.toUTCString() }
      : {};
    if (obj.type === 'blob') {
      const data = await bare.readBlob(obj.sha);
      if (raw) {
        const etag = `"${obj.sha}"`;
        if (conditional(req, etag, lastModified)) {
          sendNotModified(req, etag);
          return;
        }
        sendText(
          req.res,
          200,
          data,
          'application/vnd.github.raw; charset=utf-8',
          { ETag: etag, ...lmHeader },
        );
        return;
      }
      const body = {
        ...contentItem(r, refName, {
          path: clean,
          sha: obj.sha,
          size: data.length,
          type: 'file',
        }),
        content: wrapBase64(data),
        encoding: 'base64',
      };
      const text = JSON.stringify(body);
      const etag = etagOf(text);
      if (conditional(req, etag, lastModified)) {
        sendNotModified(req, etag);
        return;
      }
      sendText(req.res, 200, text, 'application/json; charset=utf-8', {
        ETag: etag,
        ...lmHeader,
      });
      return;
    }
    if (obj.type === 'tree') {
      const entries = await bare.listTree(clean ? obj.sha : commit, false);
      const list = entries.map(e =>
        contentItem(r, refName, {
          path: clean ? `${clean}/${e.path}` : e.path,
          sha: e.sha,
          size: e.type === 'blob' ? e.size : 0,
          type: entryType(e),
        }),
      );
      const text = JSON.stringify(list);
      const etag = etagOf(text);
      if (conditional(req, etag, lastModified)) {
        sendNotModified(req, etag);
        return;
      }
      sendText(req.res, 200, text, 'application/json; charset=utf-8', {
        ETag: etag,
        ...lmHeader,
      });
      return;
    }
    throw notFound();
  };

  // --- users -------------------------------------------------------------

  router.get(api('/user'), req => {
    const caller = requireCaller(req);
    const c = repoCounts(caller.user.login);
    sendJson(req.res, 200, shapes.privateUser(caller.user, c.pub, c.priv));
  });

  router.get(api('/user/emails'), req => {
    const caller = requireCaller(req);
    requireScope(caller, 'user', 'user:email');
    sendJson(req.res, 200, [
      {
        email: caller.user.email,
        primary: true,
        verified: true,
        visibility: 'public',
      },
    ]);
  });

  router.get(api('/user/orgs'), req => {
    const caller = requireCaller(req);
    const list = world.isMember(caller.user.login)
      ? [shapes.organizationSimple(org)]
      : [];
    sendJson(req.res, 200, list);
  });

  router.get(api(`/user/memberships/orgs/${OWNER}`), req => {
    const caller = requireCaller(req);
    if (!world.isOrg(req.params.owner) || !world.isMember(caller.user.login))
      throw notFound();
    sendJson(req.res, 200, membership(caller.user));
  });

  router.get(api(`/users/${OWNER}`), req => {
    requireCaller(req);
    const login = req.params.owner;
    if (world.isOrg(login)) {
      sendJson(req.res, 200, shapes.orgAsUser(org, repoCounts(org.login).pub));
      return;
    }
    const u = userFor(login);
    sendJson(req.res, 200, shapes.publicUser(u, repoCounts(u.login).pub));
  });

  router.get(api(`/users/${OWNER}/orgs`), req => {
    requireCaller(req);
    const u = userFor(req.params.owner);
    sendJson(
      req.res,
      200,
      world.isMember(u.login) ? [shapes.organizationSimple(org)] : [],
    );
  });

  // --- organization --------------------------------------------------------

  const requireOrg = (req: Request) => {
    if (!world.isOrg(req.params.owner)) throw notFound();
  };

  const members = () => world.fixture.users.filter(u => u.orgRole !== 'none');

  router.get(api(`/orgs/${OWNER}`), req => {
    requireCaller(req);
    requireOrg(req);
    const c = repoCounts(org.login);
    sendJson(req.res, 200, shapes.organizationFull(org, c.pub, c.priv));
  });

  router.get(api(`/orgs/${OWNER}/members`), req => {
    requireCaller(req);
    requireOrg(req);
    const role = req.query.get('role') ?? 'all';
    const list = members().filter(
      u => role === 'all' || (role === 'admin') === (u.orgRole === 'admin'),
    );
    const { page, headers } = paginate(
      req,
      list.map(u => shapes.simpleUser(u)),
    );
    sendJson(req.res, 200, page, headers);
  });

  router.get(
    api(`/orgs/${OWNER}/(?:public_)?members/(?<username>[A-Za-z0-9-]+)`),
    req => {
      requireCaller(req);
      requireOrg(req);
      if (!world.isMember(req.params.username))
        throw notFound(
          'User does not exist or is not a member of the organization',
        );
      req.res.writeHead(204);
      req.res.end();
    },
  );

  router.get(
    api(`/orgs/${OWNER}/memberships/(?<username>[A-Za-z0-9-]+)`),
    req => {
      requireCaller(req);
      requireOrg(req);
      const u = world.user(req.params.username);
      if (!u || u.orgRole === 'none') throw notFound();
      sendJson(req.res, 200, membership(u));
    },
  );

  const teamOr404 = (req: Request) => {
    requireOrg(req);
    const t = world.team(req.params.slug);
    if (!t) throw notFound();
    return t;
  };

  router.get(api(`/orgs/${OWNER}/teams`), req => {
    requireCaller(req);
    requireOrg(req);
    const { page, headers } = paginate(
      req,
      world.fixture.teams.map(t => shapes.team(org, t, world.parentTeam(t))),
    );
    sendJson(req.res, 200, page, headers);
  });

  router.get(api(`/orgs/${OWNER}/teams/(?<slug>[A-Za-z0-9_.-]+)`), req => {
    requireCaller(req);
    const t = teamOr404(req);
    const c = repoCounts(org.login);
    const reposCount = world
      .repos(org.login)
      .filter(r => t.slug in r.teams).length;
    sendJson(
      req.res,
      200,
      shapes.teamFull(org, t, world.parentTeam(t), reposCount, c.pub, c.priv),
    );
  });

  router.get(
    api(`/orgs/${OWNER}/teams/(?<slug>[A-Za-z0-9_.-]+)/members`),
    req => {
      requireCaller(req);
      const t = teamOr404(req);
      const { page, headers } = paginate(
        req,
        t.members.map(l => shapes.simpleUser(world.user(l)!)),
      );
      sendJson(req.res, 200, page, headers);
    },
  );

  router.get(
    api(
      `/orgs/${OWNER}/teams/(?<slug>[A-Za-z0-9_.-]+)/memberships/(?<username>[A-Za-z0-9-]+)`,
    ),
    req => {
      requireCaller(req);
      const t = teamOr404(req);
      const u = world.user(req.params.username);
      if (!u || !t.members.includes(u.login)) throw notFound();
      sendJson(req.res, 200, {
        url: `${A}/organizations/${org.id}/team/${t.id}/memberships/${u.login}`,
        role: 'member',
        state: 'active',
      });
    },
  );

  router.put(
    api(
      `/orgs/(?<org>[A-Za-z0-9-]+)/teams/(?<slug>[A-Za-z0-9_.-]+)/repos/${OWNER}/${REPO}`,
    ),
    async req => {
      const caller = requireCaller(req);
      if (!world.isOrg(req.params.org)) throw notFound();
      const t = world.team(req.params.slug);
      if (!t) throw notFound();
      const r = adminRepo(req, caller);
      const body = await req.json();
      const permission = body.permission ?? 'push';
      if (
        !['pull', 'triage', 'push', 'maintain', 'admin'].includes(permission)
      ) {
        throw validationFailed('Validation Failed', [
          { resource: 'Team', code: 'invalid', field: 'permission' },
        ]);
      }
      r.teams[t.slug] = permission;
      world.state.save();
      req.res.writeHead(204);
      req.res.end();
    },
  );

  router.get(api(`/orgs/${OWNER}/repos`), req => {
    const caller = requireCaller(req);
    requireOrg(req);
    const list = world.repos(org.login).filter(r => world.canRead(caller, r));
    const { page, headers } = paginate(req, list);
    Promise.all(
      page.map(async r => ({
        ...shapes.minimalRepository(
          r,
          world.ownerAccount(r),
          await world.defaultBranch(r),
        ),
        permissions: world.permissions(caller, r),
      })),
    ).then(body => sendJson(req.res, 200, body, headers));
  });

  // --- repository creation --------------------------------------------------

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

  // --- repositories ---------------------------------------------------------

  const R = `/repos/${OWNER}/${REPO}`;

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

  // contents (JSON or raw)
  router.get(api(`${R}/contents(?:/(?<path>.*))?`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    await serveContents(
      req,
      r,
      req.params.path ?? '',
      req.query.get('ref'),
      isRaw(req),
    );
  });

  router.get(api(`${R}/readme`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const { sha } = await resolveRef(r, req.query.get('ref'));
    const entries = await world.bare(r).listTree(sha, false);
    const readme = entries.find(
      e => e.type === 'blob' && /^readme(\.|$)/i.test(e.path),
    );
    if (!readme) throw notFound();
    await serveContents(req, r, readme.path, req.query.get('ref'), isRaw(req));
  });

  // GHES-style raw host: <base>/raw/<owner>/<repo>/<ref>/<path>
  router.get(
    /^\/raw\/(?<owner>[A-Za-z0-9-]+)\/(?<repo>[A-Za-z0-9._-]+)\/(?<rest>.+)$/,
    async req => {
      const queryToken = req.query.get('token');
      const auth = world.authenticate(
        req.header('authorization') ??
          (queryToken ? `token ${queryToken}` : undefined),
      );
      const caller = auth.ok ? auth.caller : undefined;
      const r = world.state.findRepo(req.params.owner, req.params.repo);
      if (!r || !world.canRead(caller, r)) {
        sendText(req.res, 404, '404: Not Found', 'text/plain; charset=utf-8');
        return;
      }
      // The ref may contain slashes: try the longest ref that exists.
      const parts = req.params.rest.split('/');
      for (let i = parts.length - 1; i >= 1; i--) {
        const ref = parts.slice(0, i).join('/');
        if (await world.bare(r).resolveCommit(ref)) {
          await serveContents(req, r, parts.slice(i).join('/'), ref, true);
          return;
        }
      }
      sendText(req.res, 404, '404: Not Found', 'text/plain; charset=utf-8');
    },
  );

  // archives for readTree
  router.get(
    api(`${R}/(?<format>tarball|zipball)(?:/(?<ref>.+))?`),
    async req => {
      const caller = requireCaller(req);
      const r = readableRepo(req, caller);
      const { sha } = await resolveRef(r, req.params.ref);
      const prefix = `${r.owner}-${r.name}-${sha.slice(0, 7)}`;
      const zip = req.params.format === 'zipball';
      const stream = world.bare(r).archive(sha, zip ? 'zip' : 'tar.gz', prefix);
      req.res.writeHead(200, {
        'Content-Type': zip ? 'application/zip' : 'application/x-gzip',
        'Content-Disposition': `attachment; filename=${prefix}.${
          zip ? 'zip' : 'tar.gz'
        }`,
        ETag: `"${sha}"`,
      });
      stream.pipe(req.res);
      await new Promise(resolve => stream.on('close', resolve));
    },
  );

  // commits, statuses, branches
  router.get(api(`${R}/commits/(?<ref>.+)/status`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const bare = world.bare(r);
    const sha = (await bare.isEmpty())
      ? undefined
      : await bare.resolveCommit(req.params.ref);
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
    const bare = world.bare(r);
    const sha = (await bare.isEmpty())
      ? undefined
      : await bare.resolveCommit(req.params.ref);
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
    const bare = world.bare(r);
    const sha = (await bare.isEmpty())
      ? undefined
      : await bare.resolveCommit(req.params.sha);
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
    const bare = world.bare(r);
    const sha = (await bare.isEmpty())
      ? undefined
      : await bare.resolveCommit(req.params.ref);
    if (!sha)
      throw validationFailed(`No commit found for SHA: ${req.params.ref}`, []);
    const body = JSON.stringify(await commitJson(r, sha));
    const etag = etagOf(body);
    if (conditional(req, etag)) {
      sendNotModified(req, etag);
      return;
    }
    sendText(req.res, 200, body, 'application/json; charset=utf-8', {
      ETag: etag,
    });
  });

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

  // git database (UrlReader search uses trees + blobs)
  router.get(api(`${R}/git/trees/(?<sha>.+)`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const bare = world.bare(r);
    let sha = req.params.sha;
    let type = await bare.objectType(sha);
    if (type !== 'tree') {
      const commit = await bare.resolveCommit(sha);
      if (!commit) throw notFound();
      sha = (await bare.commitInfo(commit)).tree;
      type = 'tree';
    }
    const recursive =
      !!req.query.get('recursive') &&
      req.query.get('recursive') !== '0' &&
      req.query.get('recursive') !== 'false';
    const entries = await bare.listTree(sha, recursive);
    const base = `${A}/repos/${r.owner}/${r.name}`;
    sendJson(req.res, 200, {
      sha,
      url: `${base}/git/trees/${sha}`,
      tree: entries.map(e => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === 'blob' ? { size: e.size } : {}),
        url: `${base}/git/${GIT_COLLECTION[e.type]}/${e.sha}`,
      })),
      truncated: false,
    });
  });

  router.get(api(`${R}/git/blobs/(?<sha>[0-9a-fA-F]{40})`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const bare = world.bare(r);
    if ((await bare.objectType(req.params.sha)) !== 'blob') throw notFound();
    const data = await bare.readBlob(req.params.sha);
    if (isRaw(req)) {
      sendText(req.res, 200, data, 'application/vnd.github.raw; charset=utf-8');
      return;
    }
    sendJson(req.res, 200, {
      sha: req.params.sha,
      node_id: legacyNodeId('Blob', parseInt(req.params.sha.slice(0, 8), 16)),
      size: data.length,
      url: `${A}/repos/${r.owner}/${r.name}/git/blobs/${req.params.sha}`,
      content: wrapBase64(data),
      encoding: 'base64',
    });
  });

  router.get(api(`${R}/git/refs?/(?<ref>(?:heads|tags)/.+)`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const bare = world.bare(r);
    const res = await git([
      '--git-dir',
      bare.dir,
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/${req.params.ref}`,
    ]);
    if (res.code !== 0) throw notFound();
    const sha = res.stdout.toString().trim();
    sendJson(req.res, 200, {
      ref: `refs/${req.params.ref}`,
      node_id: legacyNodeId('Ref', parseInt(sha.slice(0, 8), 16)),
      url: `${A}/repos/${r.owner}/${r.name}/git/refs/${req.params.ref}`,
      object: {
        type: 'commit',
        sha,
        url: `${A}/repos/${r.owner}/${r.name}/git/commits/${sha}`,
      },
    });
  });

  // --- misc ------------------------------------------------------------------

  router.get(api('/rate_limit'), req => {
    requireCaller(req);
    const reset = Math.ceil(Date.now() / 1000) + 3600;
    const res = { limit: 5000, used: 0, remaining: 5000, reset };
    sendJson(req.res, 200, {
      resources: {
        core: res,
        search: { ...res, limit: 30, remaining: 30 },
        graphql: res,
      },
      rate: res,
    });
  });

  /** OAuth token revocation: DELETE /applications/{client_id}/token, basic auth client_id:client_secret. */
  router.delete(
    api('/applications/(?<clientId>[^/]+)/(?<what>token|grant)'),
    async req => {
      const app = world.oauthApp(req.params.clientId);
      const basic = /^basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
      const decoded = basic
        ? Buffer.from(basic[1], 'base64').toString('utf8')
        : '';
      if (!app || decoded !== `${app.clientId}:${app.clientSecret}`) {
        throw notFound();
      }
      const body = await req.json();
      const token =
        typeof body.access_token === 'string' ? body.access_token : '';
      const rec = world.findToken(token);
      if (!rec || rec.clientId !== app.clientId || rec.revoked) {
        throw validationFailed('Validation Failed', [
          { resource: 'OauthAccess', code: 'invalid', field: 'access_token' },
        ]);
      }
      if (req.params.what === 'grant') {
        for (const t of world.state.data.tokens) {
          if (t.clientId === app.clientId && t.login === rec.login)
            t.revoked = true;
        }
        world.state.save();
      } else {
        world.revokeToken(token);
      }
      req.res.writeHead(204);
      req.res.end();
    },
  );
}

/** Turns an error from a REST handler into GitHub's JSON error response. */
export function sendApiError(req: Request, err: unknown) {
  if (err instanceof ApiError) {
    sendJson(
      req.res,
      err.status,
      {
        ...errorBody(err.message, err.documentationUrl, err.status),
        ...err.extra,
      },
      err.headers,
    );
    return;
  }
  if ((err as Error)?.message === 'Problems parsing JSON') {
    sendJson(req.res, 400, errorBody('Problems parsing JSON', DOC, 400));
    return;
  }
  sendJson(req.res, 500, errorBody('Server Error', DOC, 500));
}
