/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  GithubEntityProvider,
  GithubMultiOrgEntityProvider,
} from '@backstage/plugin-catalog-backend-module-github';
import { startTestStandIn, TEST_TOKEN, TestStandIn } from '../testing';

// Real HTTP and git processes; leave room on a loaded 2-core CI box.
jest.setTimeout(30_000);

const MEMBERS_QUERY = `
  query users($org: String!, $cursor: String, $size: Int!) {
    organization(login: $org) {
      membersWithRole(first: $size, after: $cursor) {
        pageInfo { hasNextPage, endCursor }
        nodes { avatarUrl, bio, email, id, login, name, organizationVerifiedDomainEmails(login: $org) }
      }
    }
  }`;

const TEAMS_QUERY = `
  query teams($org: String!, $cursor: String, $teamsPageSize: Int!, $membersPageSize: Int!) {
    organization(login: $org) {
      teams(first: $teamsPageSize, after: $cursor) {
        pageInfo { hasNextPage, endCursor }
        nodes {
          slug combinedSlug name description avatarUrl editTeamUrl
          parentTeam { slug }
          members(first: $membersPageSize, membership: IMMEDIATE) {
            pageInfo { hasNextPage }
            nodes { login id }
          }
        }
      }
    }
  }`;

describe('GraphQL API', () => {
  let gh: TestStandIn;

  beforeAll(async () => {
    gh = await startTestStandIn();
  });
  afterAll(async () => {
    await gh.cleanup();
  });

  const query = async (
    q: string,
    variables: object,
    token: string | null = TEST_TOKEN,
  ) => {
    const res = await gh.call('/api/graphql', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q, variables }),
    });
    return { status: res.status, body: await res.json() };
  };

  it('pages through org members with a page size smaller than the data', async () => {
    const logins: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const { body } = await query(MEMBERS_QUERY, {
        org: 'launchpad-demo',
        cursor,
        size: 3,
      });
      expect(body.errors).toBeUndefined();
      const conn = body.data.organization.membersWithRole;
      pages += 1;
      logins.push(...conn.nodes.map((n: any) => n.login));
      if (!conn.pageInfo.hasNextPage) break;
      cursor = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(2);
    // every org member once, and not the outside user
    expect(logins).toEqual([
      'minji-park',
      'junho-lee',
      'sora-choi',
      'daniel-kang',
    ]);
    const { body } = await query(MEMBERS_QUERY, {
      org: 'launchpad-demo',
      size: 1,
    });
    expect(body.data.organization.membersWithRole.nodes[0]).toEqual({
      avatarUrl: `${gh.url}/avatars/minji-park`,
      bio: 'Platform team lead',
      email: 'minji.park@launchpad.example',
      id: 'MDQ6VXNlcjEwMDE=',
      login: 'minji-park',
      name: 'Minji Park',
      organizationVerifiedDomainEmails: ['minji.park@launchpad.example'],
    });
  });

  it('returns teams with parents, members and member paging info', async () => {
    const { body } = await query(TEAMS_QUERY, {
      org: 'launchpad-demo',
      teamsPageSize: 2,
      membersPageSize: 1,
    });
    const conn = body.data.organization.teams;
    expect(conn.pageInfo.hasNextPage).toBe(true);
    expect(conn.nodes.map((t: any) => t.slug)).toEqual([
      'platform',
      'platform-sre',
    ]);
    expect(conn.nodes[0]).toMatchObject({
      combinedSlug: 'launchpad-demo/platform',
      parentTeam: null,
      members: {
        pageInfo: { hasNextPage: true },
        nodes: [{ login: 'minji-park' }],
      },
    });
    expect(conn.nodes[1].parentTeam).toEqual({ slug: 'platform' });
    const next = await query(TEAMS_QUERY, {
      org: 'launchpad-demo',
      teamsPageSize: 2,
      membersPageSize: 5,
      cursor: conn.pageInfo.endCursor,
    });
    const rest = next.body.data.organization.teams;
    expect(rest.nodes.map((t: any) => t.slug)).toEqual(['payments']);
    expect(rest.nodes[0].members.nodes.map((m: any) => m.login)).toEqual([
      'sora-choi',
      'daniel-kang',
    ]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('answers GitHub-style errors: unknown org, too large page, no token', async () => {
    const unknown = await query(MEMBERS_QUERY, {
      org: 'no-such-org',
      size: 10,
    });
    expect(unknown.status).toBe(200);
    expect(unknown.body.data).toEqual({ organization: null });
    expect(unknown.body.errors[0]).toMatchObject({
      type: 'NOT_FOUND',
      path: ['organization'],
      message:
        "Could not resolve to an Organization with the login of 'no-such-org'.",
    });
    const big = await query(MEMBERS_QUERY, {
      org: 'launchpad-demo',
      size: 101,
    });
    expect(big.body.errors[0].message).toMatch(
      /exceeds the `first` limit of 100 records/,
    );
    const anonymous = await query(
      MEMBERS_QUERY,
      { org: 'launchpad-demo', size: 1 },
      null,
    );
    expect(anonymous.status).toBe(401);
  });

  describe('with the real Backstage GitHub catalog providers', () => {
    const config = () =>
      new ConfigReader({
        integrations: {
          github: [
            {
              host: new URL(gh.url).host,
              apiBaseUrl: `${gh.url}/api/v3`,
              token: TEST_TOKEN,
            },
          ],
        },
        catalog: {
          providers: {
            github: {
              demo: {
                host: new URL(gh.url).host,
                organization: 'launchpad-demo',
                catalogPath: '/catalog-info.yaml',
              },
            },
          },
        },
      });

    it('GithubMultiOrgEntityProvider ingests users with github.com/user-id and teams with members', async () => {
      const provider = GithubMultiOrgEntityProvider.fromConfig(config(), {
        id: 'test',
        githubUrl: gh.url,
        orgs: ['launchpad-demo'],
        logger: mockServices.logger.mock(),
        schedule: 'manual',
        pageSizes: { organizationMembers: 3, teams: 2, teamMembers: 1 },
        alwaysUseDefaultNamespace: true,
      } as any);
      const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
      await provider.connect(connection);
      await provider.read();

      expect(connection.applyMutation).toHaveBeenCalledTimes(1);
      const entities = connection.applyMutation.mock.calls[0][0].entities.map(
        (e: any) => e.entity,
      );
      const users = entities.filter((e: any) => e.kind === 'User');
      const groups = entities.filter((e: any) => e.kind === 'Group');
      expect(users.map((u: any) => u.metadata.name).sort()).toEqual([
        'daniel-kang',
        'junho-lee',
        'minji-park',
        'sora-choi',
      ]);
      const minji = users.find((u: any) => u.metadata.name === 'minji-park');
      expect(minji.metadata.annotations['github.com/user-id']).toBe(
        'MDQ6VXNlcjEwMDE=',
      );
      expect(minji.spec.profile).toMatchObject({
        displayName: 'Minji Park',
        email: 'minji.park@launchpad.example',
        picture: `${gh.url}/avatars/minji-park`,
      });
      expect(minji.spec.memberOf).toEqual(['platform']);
      const platform = groups.find((g: any) => g.metadata.name === 'platform');
      // members beyond the first page came through the follow-up team query
      expect(platform.spec.members.sort()).toEqual([
        'default/junho-lee',
        'default/minji-park',
      ]);
      const sre = groups.find((g: any) => g.metadata.name === 'platform-sre');
      expect(sre.spec.parent).toBe('platform');
    }, 30_000);

    it('GithubEntityProvider discovers catalog-info.yaml in the org repositories', async () => {
      const [provider] = GithubEntityProvider.fromConfig(config(), {
        logger: mockServices.logger.mock(),
        schedule: { run: jest.fn() } as any,
      });
      const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
      await provider.connect(connection);
      await provider.refresh(mockServices.logger.mock());
      const targets = connection.applyMutation.mock.calls[0][0].entities.map(
        (e: any) => e.entity.spec.target,
      );
      expect(targets.sort()).toEqual([
        `${gh.url}/launchpad-demo/payments-api/blob/main/catalog-info.yaml`,
        `${gh.url}/launchpad-demo/platform-gateway/blob/main/catalog-info.yaml`,
      ]);
    });
  });
});
