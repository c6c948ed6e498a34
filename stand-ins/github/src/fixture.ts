/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { InputError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The organization of the fixture. */
export interface FixtureOrganization {
  login: string;
  id: number;
  nodeId: string;
  name: string;
  description?: string;
  email?: string;
}

/** A GitHub account of the fixture. `orgRole: none` means not an org member. */
export interface FixtureUser {
  login: string;
  id: number;
  nodeId: string;
  name: string;
  email: string;
  bio?: string;
  company?: string;
  location?: string;
  orgRole: 'admin' | 'member' | 'none';
}

export interface FixtureTeam {
  slug: string;
  id: number;
  nodeId: string;
  name: string;
  description?: string;
  parent?: string;
  members: string[];
}

export interface FixtureOAuthApp {
  name: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
}

export interface FixtureRepository {
  name: string;
  id: number;
  description?: string;
  visibility: 'public' | 'private' | 'internal';
  topics: string[];
  defaultBranch: string;
  /** Absolute path of the directory whose files become the first commit. */
  source: string;
}

export interface Fixture {
  organization: FixtureOrganization;
  integrationUser: string;
  oauthApps: FixtureOAuthApp[];
  users: FixtureUser[];
  teams: FixtureTeam[];
  repositories: FixtureRepository[];
}

/** GitHub's legacy global node ID, e.g. `MDQ6VXNlcjE=` for user 1. */
export function legacyNodeId(type: string, id: number): string {
  const body = `${type}${id}`;
  return Buffer.from(`0${type.length}:${body}`).toString('base64');
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

function fail(file: string, what: string): never {
  throw new InputError(`Invalid GitHub stand-in fixture ${file}: ${what}`);
}

function str(file: string, value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(file, `${where} must be a non-empty string`);
  }
  return value;
}

function optStr(file: string, value: unknown, where: string) {
  if (value === undefined || value === null) return undefined;
  return str(file, value, where);
}

function num(file: string, value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    fail(file, `${where} must be a positive integer`);
  }
  return value;
}

function list(file: string, value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(file, `${where} must be a list`);
  return value;
}

/**
 * Reads and validates a fixture file. Paths in `repositories[].source` are
 * resolved relative to the fixture file.
 */
export function loadFixture(file: string): Fixture {
  let raw: any;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(file, `cannot be read as YAML (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object') fail(file, 'must be a YAML mapping');
  const baseDir = dirname(resolve(file));

  const o = raw.organization ?? fail(file, 'organization is missing');
  const orgId = num(file, o.id, 'organization.id');
  const organization: FixtureOrganization = {
    login: str(file, o.login, 'organization.login'),
    id: orgId,
    nodeId:
      optStr(file, o.nodeId, 'organization.nodeId') ??
      legacyNodeId('Organization', orgId),
    name: str(file, o.name ?? o.login, 'organization.name'),
    description: optStr(file, o.description, 'organization.description'),
    email: optStr(file, o.email, 'organization.email'),
  };
  if (!LOGIN.test(organization.login)) {
    fail(
      file,
      `organization.login '${organization.login}' is not a valid GitHub login`,
    );
  }

  const users: FixtureUser[] = list(file, raw.users, 'users').map(
    (u: any, i) => {
      const where = `users[${i}]`;
      const id = num(file, u?.id, `${where}.id`);
      const login = str(file, u?.login, `${where}.login`);
      if (!LOGIN.test(login))
        fail(file, `${where}.login '${login}' is not a valid GitHub login`);
      const orgRole = u.orgRole ?? 'member';
      if (!['admin', 'member', 'none'].includes(orgRole)) {
        fail(file, `${where}.orgRole must be admin, member or none`);
      }
      return {
        login,
        id,
        nodeId:
          optStr(file, u.nodeId, `${where}.nodeId`) ?? legacyNodeId('User', id),
        name: str(file, u.name ?? login, `${where}.name`),
        email: str(file, u.email, `${where}.email`),
        bio: optStr(file, u.bio, `${where}.bio`),
        company: optStr(file, u.company, `${where}.company`),
        location: optStr(file, u.location, `${where}.location`),
        orgRole,
      };
    },
  );
  const logins = new Set<string>();
  const ids = new Set<number>([orgId]);
  for (const u of users) {
    if (
      logins.has(u.login.toLowerCase()) ||
      u.login.toLowerCase() === organization.login.toLowerCase()
    ) {
      fail(file, `login '${u.login}' is used twice`);
    }
    if (ids.has(u.id)) fail(file, `id ${u.id} is used twice`);
    logins.add(u.login.toLowerCase());
    ids.add(u.id);
  }
  const userByLogin = new Map(users.map(u => [u.login.toLowerCase(), u]));

  const teams: FixtureTeam[] = list(file, raw.teams, 'teams').map(
    (t: any, i) => {
      const where = `teams[${i}]`;
      const id = num(file, t?.id, `${where}.id`);
      const members = list(file, t.members, `${where}.members`).map((m, j) => {
        const login = str(file, m, `${where}.members[${j}]`);
        const user = userByLogin.get(login.toLowerCase());
        if (!user)
          fail(
            file,
            `${where}.members[${j}] '${login}' is not a user of the fixture`,
          );
        if (user.orgRole === 'none') {
          fail(
            file,
            `${where}.members[${j}] '${login}' is not an org member and cannot be in a team`,
          );
        }
        return user.login;
      });
      return {
        slug: str(file, t.slug, `${where}.slug`),
        id,
        nodeId:
          optStr(file, t.nodeId, `${where}.nodeId`) ?? legacyNodeId('Team', id),
        name: str(file, t.name ?? t.slug, `${where}.name`),
        description: optStr(file, t.description, `${where}.description`),
        parent: optStr(file, t.parent, `${where}.parent`),
        members,
      };
    },
  );
  const slugs = new Set(teams.map(t => t.slug));
  if (slugs.size !== teams.length) fail(file, 'team slugs must be unique');
  for (const t of teams) {
    if (t.parent && !slugs.has(t.parent)) {
      fail(file, `team '${t.slug}' has unknown parent '${t.parent}'`);
    }
  }

  const oauthApps: FixtureOAuthApp[] = list(
    file,
    raw.oauthApps,
    'oauthApps',
  ).map((a: any, i) => {
    const where = `oauthApps[${i}]`;
    const callbackUrl = str(file, a?.callbackUrl, `${where}.callbackUrl`);
    if (!URL.canParse(callbackUrl)) {
      fail(file, `${where}.callbackUrl must be an absolute URL`);
    }
    return {
      name: str(file, a.name ?? a.clientId, `${where}.name`),
      clientId: str(file, a.clientId, `${where}.clientId`),
      clientSecret: str(file, a.clientSecret, `${where}.clientSecret`),
      callbackUrl,
    };
  });

  const repositories: FixtureRepository[] = list(
    file,
    raw.repositories,
    'repositories',
  ).map((r: any, i) => {
    const where = `repositories[${i}]`;
    const name = str(file, r?.name, `${where}.name`);
    if (!REPO_NAME.test(name))
      fail(file, `${where}.name '${name}' is not a valid repository name`);
    const visibility = r.visibility ?? 'private';
    if (!['public', 'private', 'internal'].includes(visibility)) {
      fail(file, `${where}.visibility must be public, private or internal`);
    }
    return {
      name,
      id: num(file, r.id, `${where}.id`),
      description: optStr(file, r.description, `${where}.description`),
      visibility,
      topics: list(file, r.topics, `${where}.topics`).map((x, j) =>
        str(file, x, `${where}.topics[${j}]`),
      ),
      defaultBranch:
        optStr(file, r.defaultBranch, `${where}.defaultBranch`) ?? 'main',
      source: resolve(
        baseDir,
        str(file, r.source ?? `repos/${name}`, `${where}.source`),
      ),
    };
  });

  const integrationUser = str(file, raw.integrationUser, 'integrationUser');
  const bot = userByLogin.get(integrationUser.toLowerCase());
  if (!bot || bot.orgRole !== 'admin') {
    fail(
      file,
      `integrationUser '${integrationUser}' must be a user with orgRole admin`,
    );
  }

  return {
    organization,
    integrationUser: bot.login,
    oauthApps,
    users,
    teams,
    repositories,
  };
}
