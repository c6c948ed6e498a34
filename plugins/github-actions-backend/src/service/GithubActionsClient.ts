/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { GithubCredentialsProvider } from '@backstage/integration';
import { CiRun, CiRunsResponse } from '@internal/plugin-github-actions-common';
import { EntityRepository } from './repository';

/** The parts of GitHub's `workflow-run` the card uses. */
interface WorkflowRun {
  id: number;
  name?: string | null;
  run_number: number;
  event: string;
  status: string | null;
  conclusion: string | null;
  head_branch: string | null;
  head_sha: string;
  display_title?: string;
  html_url: string;
  created_at: string;
  updated_at: string;
  actor?: { login: string } | null;
  head_commit?: { id: string; message: string } | null;
}

export interface GithubActionsClientOptions {
  credentials: GithubCredentialsProvider;
  /** One read (both GitHub requests) is cut off after this long. */
  timeoutMs: number;
}

function firstLine(text: string) {
  return text.split('\n')[0];
}

/** Reads the latest workflow runs of a repository's default branch. */
export class GithubActionsClient {
  constructor(private readonly options: GithubActionsClientOptions) {}

  async latestRuns(
    target: EntityRepository,
    limit: number,
  ): Promise<CiRunsResponse> {
    const { owner, repo, integration } = target;
    const slug = `${owner}/${repo}`;
    const { host, apiBaseUrl } = integration.config;
    const { headers, token } = await this.options.credentials.getCredentials({
      url: `https://${host}/${slug}`,
    });
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const api = apiBaseUrl ?? 'https://api.github.com';

    const get = async (path: string): Promise<any> => {
      let response: Response;
      try {
        response = await fetch(`${api}${path}`, {
          headers: {
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
            ...headers,
          },
          signal,
        });
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${this.options.timeoutMs / 1000} s`
            : (error as Error).message;
        throw new ServiceUnavailableError(
          `GitHub (${host}) is unavailable: ${reason}`,
        );
      }
      if (response.ok) return response.json();
      const body = await response.text();
      let message = body.slice(0, 300);
      try {
        message = JSON.parse(body).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      // Never echo a credential, whatever an upstream proxy sends back.
      if (token) message = message.split(token).join('***');
      if (response.status === 404) {
        throw new NotFoundError(
          `GitHub (${host}) has no repository ${slug}, or the portal's GitHub credentials may not read it. Check the github.com/project-slug annotation.`,
        );
      }
      const limited =
        response.status === 429 ||
        response.headers.get('x-ratelimit-remaining') === '0';
      throw new ServiceUnavailableError(
        limited
          ? `GitHub (${host}) rate limit reached for the portal; try again after ${new Date(
              Number(response.headers.get('x-ratelimit-reset') ?? 0) * 1000,
            ).toISOString()}`
          : `GitHub (${host}) answered ${response.status}: ${message}`,
      );
    };

    const repository = await get(`/repos/${slug}`);
    const branch: string = repository.default_branch;
    const query = new URLSearchParams({
      branch,
      per_page: String(limit),
      exclude_pull_requests: 'true',
    });
    const { total_count: totalCount, workflow_runs: runs } = await get(
      `/repos/${slug}/actions/runs?${query}`,
    );
    const repoUrl: string = repository.html_url;
    return {
      repository: {
        slug,
        url: repoUrl,
        defaultBranch: branch,
        actionsUrl: `${repoUrl}/actions`,
      },
      runs: (runs as WorkflowRun[]).map(run => toCiRun(run, repoUrl)),
      totalCount,
      fetchedAt: new Date().toISOString(),
    };
  }
}

/** GitHub's `workflow-run` reduced to what the card shows. */
export function toCiRun(run: WorkflowRun, repoUrl: string): CiRun {
  const message = run.head_commit?.message ?? run.display_title ?? '';
  return {
    id: run.id,
    workflowName: run.name ?? 'workflow',
    runNumber: run.run_number,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    branch: run.head_branch,
    title: run.display_title ?? firstLine(message),
    commit: {
      sha: run.head_sha,
      message: firstLine(message),
      url: `${repoUrl}/commit/${run.head_sha}`,
    },
    ...(run.actor?.login ? { actor: run.actor.login } : {}),
    createdAt: run.created_at,
    updatedAt: run.updated_at,
    url: run.html_url,
  };
}
