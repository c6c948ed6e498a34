/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { FixtureOrganization, FixtureTeam, FixtureUser } from './fixture';
import { legacyNodeId } from './fixture';
import type { RepoRecord, StatusRecord } from './state';

/**
 * Builders for REST response bodies, following the component schemas of
 * GitHub's OpenAPI description (simple-user, public-user, private-user,
 * organization-full, full-repository, ...). URLs follow GitHub Enterprise
 * Server: web at `<base>`, REST at `<base>/api/v3`.
 */
export class Shapes {
  readonly api: string;

  constructor(readonly base: string, readonly createdAt: string) {
    this.api = `${base}/api/v3`;
  }

  avatarUrl(login: string) {
    return `${this.base}/avatars/${encodeURIComponent(login)}`;
  }

  teamAvatarUrl(org: string, slug: string) {
    return `${this.base}/avatars/_team/${encodeURIComponent(
      org,
    )}/${encodeURIComponent(slug)}`;
  }

  private accountUrls(login: string) {
    const u = `${this.api}/users/${login}`;
    return {
      avatar_url: this.avatarUrl(login),
      gravatar_id: '',
      url: u,
      html_url: `${this.base}/${login}`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
    };
  }

  /** `simple-user` for a user. */
  simpleUser(u: FixtureUser) {
    return {
      login: u.login,
      id: u.id,
      node_id: u.nodeId,
      ...this.accountUrls(u.login),
      type: 'User',
      site_admin: false,
      user_view_type: 'public',
    };
  }

  /** `simple-user` for an organization (repository owner). */
  simpleOrgAccount(o: FixtureOrganization) {
    return {
      login: o.login,
      id: o.id,
      node_id: o.nodeId,
      ...this.accountUrls(o.login),
      type: 'Organization',
      site_admin: false,
      user_view_type: 'public',
    };
  }

  /** `public-user` (GET /users/{username}). */
  publicUser(u: FixtureUser, publicRepos: number) {
    return {
      ...this.simpleUser(u),
      name: u.name,
      company: u.company ?? null,
      blog: '',
      location: u.location ?? null,
      email: u.email,
      hireable: null,
      bio: u.bio ?? null,
      twitter_username: null,
      public_repos: publicRepos,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: this.createdAt,
      updated_at: this.createdAt,
    };
  }

  /** `private-user` (GET /user). */
  privateUser(u: FixtureUser, publicRepos: number, privateRepos: number) {
    return {
      ...this.publicUser(u, publicRepos),
      notification_email: u.email,
      private_gists: 0,
      total_private_repos: privateRepos,
      owned_private_repos: privateRepos,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
      plan: {
        name: 'enterprise',
        space: 976562499,
        collaborators: 0,
        private_repos: 9999,
      },
    };
  }

  /** GET /users/{org} for an organization: a public-user shaped body of type Organization. */
  orgAsUser(o: FixtureOrganization, publicRepos: number) {
    return {
      ...this.simpleOrgAccount(o),
      name: o.name,
      company: null,
      blog: '',
      location: null,
      email: o.email ?? null,
      hireable: null,
      bio: o.description ?? null,
      twitter_username: null,
      public_repos: publicRepos,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: this.createdAt,
      updated_at: this.createdAt,
    };
  }

  organizationSimple(o: FixtureOrganization) {
    const u = `${this.api}/orgs/${o.login}`;
    return {
      login: o.login,
      id: o.id,
      node_id: o.nodeId,
      url: u,
      repos_url: `${u}/repos`,
      events_url: `${u}/events`,
      hooks_url: `${u}/hooks`,
      issues_url: `${u}/issues`,
      members_url: `${u}/members{/member}`,
      public_members_url: `${u}/public_members{/member}`,
      avatar_url: this.avatarUrl(o.login),
      description: o.description ?? null,
    };
  }

  /** `organization-full` (GET /orgs/{org}). */
  organizationFull(
    o: FixtureOrganization,
    publicRepos: number,
    privateRepos: number,
  ) {
    return {
      ...this.organizationSimple(o),
      name: o.name,
      ...(o.email ? { email: o.email } : {}),
      twitter_username: null,
      is_verified: false,
      has_organization_projects: true,
      has_repository_projects: true,
      public_repos: publicRepos,
      public_gists: 0,
      followers: 0,
      following: 0,
      html_url: `${this.base}/${o.login}`,
      type: 'Organization',
      total_private_repos: privateRepos,
      owned_private_repos: privateRepos,
      default_repository_permission: 'read',
      members_can_create_repositories: true,
      two_factor_requirement_enabled: false,
      members_allowed_repository_creation_type: 'all',
      created_at: this.createdAt,
      updated_at: this.createdAt,
      archived_at: null,
    };
  }

  teamSimple(org: FixtureOrganization, t: FixtureTeam) {
    const u = `${this.api}/organizations/${org.id}/team/${t.id}`;
    return {
      id: t.id,
      node_id: t.nodeId,
      url: u,
      members_url: `${u}/members{/member}`,
      name: t.name,
      description: t.description ?? null,
      permission: 'pull',
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      html_url: `${this.base}/orgs/${org.login}/teams/${t.slug}`,
      repositories_url: `${u}/repos`,
      slug: t.slug,
      type: 'organization',
      organization_id: org.id,
    };
  }

  /** `team` (list items). */
  team(
    org: FixtureOrganization,
    t: FixtureTeam,
    parent: FixtureTeam | undefined,
  ) {
    return {
      ...this.teamSimple(org, t),
      parent: parent ? this.teamSimple(org, parent) : null,
    };
  }

  /** `team-full` (GET /orgs/{org}/teams/{slug}). */
  teamFull(
    org: FixtureOrganization,
    t: FixtureTeam,
    parent: FixtureTeam | undefined,
    reposCount: number,
    publicRepos: number,
    privateRepos: number,
  ) {
    return {
      ...this.team(org, t, parent),
      members_count: t.members.length,
      repos_count: reposCount,
      created_at: this.createdAt,
      updated_at: this.createdAt,
      organization: this.organizationFull(org, publicRepos, privateRepos),
    };
  }

  private repoUrls(full: string) {
    const u = `${this.api}/repos/${full}`;
    return {
      html_url: `${this.base}/${full}`,
      url: u,
      forks_url: `${u}/forks`,
      keys_url: `${u}/keys{/key_id}`,
      collaborators_url: `${u}/collaborators{/collaborator}`,
      teams_url: `${u}/teams`,
      hooks_url: `${u}/hooks`,
      issue_events_url: `${u}/issues/events{/number}`,
      events_url: `${u}/events`,
      assignees_url: `${u}/assignees{/user}`,
      branches_url: `${u}/branches{/branch}`,
      tags_url: `${u}/tags`,
      blobs_url: `${u}/git/blobs{/sha}`,
      git_tags_url: `${u}/git/tags{/sha}`,
      git_refs_url: `${u}/git/refs{/sha}`,
      trees_url: `${u}/git/trees{/sha}`,
      statuses_url: `${u}/statuses/{sha}`,
      languages_url: `${u}/languages`,
      stargazers_url: `${u}/stargazers`,
      contributors_url: `${u}/contributors`,
      subscribers_url: `${u}/subscribers`,
      subscription_url: `${u}/subscription`,
      commits_url: `${u}/commits{/sha}`,
      git_commits_url: `${u}/git/commits{/sha}`,
      comments_url: `${u}/comments{/number}`,
      issue_comment_url: `${u}/issues/comments{/number}`,
      contents_url: `${u}/contents/{+path}`,
      compare_url: `${u}/compare/{base}...{head}`,
      merges_url: `${u}/merges`,
      archive_url: `${u}/{archive_format}{/ref}`,
      downloads_url: `${u}/downloads`,
      issues_url: `${u}/issues{/number}`,
      pulls_url: `${u}/pulls{/number}`,
      milestones_url: `${u}/milestones{/number}`,
      notifications_url: `${u}/notifications{?since,all,participating}`,
      labels_url: `${u}/labels{/name}`,
      releases_url: `${u}/releases{/id}`,
      deployments_url: `${u}/deployments`,
    };
  }

  repoNodeId(r: RepoRecord) {
    return legacyNodeId('Repository', r.id);
  }

  /** `minimal-repository`. */
  minimalRepository(r: RepoRecord, owner: object, defaultBranch: string) {
    const full = `${r.owner}/${r.name}`;
    const host = new URL(this.base).host;
    return {
      id: r.id,
      node_id: this.repoNodeId(r),
      name: r.name,
      full_name: full,
      private: r.visibility !== 'public',
      owner,
      description: r.description,
      fork: false,
      ...this.repoUrls(full),
      git_url: `git://${host}/${full}.git`,
      ssh_url: `git@${host}:${full}.git`,
      clone_url: `${this.base}/${full}.git`,
      svn_url: `${this.base}/${full}`,
      mirror_url: null,
      homepage: r.homepage,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: defaultBranch,
      open_issues_count: 0,
      is_template: false,
      topics: r.topics,
      has_issues: r.hasIssues,
      has_projects: r.hasProjects,
      has_wiki: r.hasWiki,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: r.visibility,
      pushed_at: r.pushedAt ?? r.createdAt,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
      allow_forking: true,
      web_commit_signoff_required: false,
      forks: 0,
      open_issues: 0,
      watchers: 0,
      license: null,
    };
  }

  /** `full-repository` (GET /repos/{owner}/{repo}, POST /orgs/{org}/repos). */
  fullRepository(
    r: RepoRecord,
    owner: object,
    organization: object | null,
    defaultBranch: string,
    permissions: {
      admin: boolean;
      maintain: boolean;
      push: boolean;
      triage: boolean;
      pull: boolean;
    },
  ) {
    return {
      ...this.minimalRepository(r, owner, defaultBranch),
      permissions,
      allow_rebase_merge: r.allowRebaseMerge,
      allow_squash_merge: r.allowSquashMerge,
      allow_merge_commit: r.allowMergeCommit,
      allow_auto_merge: r.allowAutoMerge,
      delete_branch_on_merge: r.deleteBranchOnMerge,
      allow_update_branch: false,
      use_squash_pr_title_as_default: false,
      squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
      squash_merge_commit_message: 'COMMIT_MESSAGES',
      merge_commit_title: 'MERGE_MESSAGE',
      merge_commit_message: 'PR_TITLE',
      temp_clone_token: null,
      ...(organization ? { organization } : {}),
      network_count: 0,
      subscribers_count: 0,
    };
  }

  status(r: RepoRecord, sha: string, s: StatusRecord, creator: object | null) {
    return {
      url: `${this.api}/repos/${r.owner}/${r.name}/statuses/${sha}`,
      avatar_url: (creator as any)?.avatar_url ?? null,
      id: s.id,
      node_id: legacyNodeId('StatusContext', s.id),
      state: s.state,
      description: s.description,
      target_url: s.targetUrl,
      context: s.context,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
      creator,
    };
  }
}

/** GitHub's error body: `{ message, documentation_url, status }`. */
export function errorBody(
  message: string,
  documentationUrl: string,
  status: number,
) {
  return {
    message,
    documentation_url: documentationUrl,
    status: String(status),
  };
}
