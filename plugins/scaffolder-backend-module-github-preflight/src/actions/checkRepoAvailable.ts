/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  describeHttpFailure,
  httpClientMetrics,
  httpFailureOf,
  withRetry,
} from '@internal/backend-http-node';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { Octokit } from '@octokit/core';
import { examples } from './checkRepoAvailable.examples';

/**
 * Retry behaviour for network errors, 5xx answers and 429 with Retry-After
 * (tests shorten it).
 */
export interface CheckRepoAvailableRetryOptions {
  /** Total attempts, including the first. Default 3. */
  attempts?: number;
  /** Delay before the first retry; doubles on each further retry. Default 1000 ms. */
  initialDelayMs?: number;
}

interface GitHubAnswer {
  status: number;
  body: any;
  headers: Record<string, string | number | undefined>;
}

/**
 * Creates the `github:repo:checkAvailable` action: a read-only check, meant
 * as a template's first step, that the repository owner exists on the GitHub
 * host and that no repository with the requested name exists there yet. It
 * uses the same integration (`integrations.github[]`: host, apiBaseUrl,
 * token or GitHub App) that `publish:github` uses, so a GitHub Enterprise
 * host or a local stand-in works the same way. Requests go through
 * `@octokit/core` (the core of the `octokit` client `publish:github` uses,
 * without its own retry and throttling plugins: retries are those of
 * plugins/backend-http-node, which stop when the task is cancelled).
 */
export function createGithubRepoCheckAvailableAction(options: {
  integrations: ScmIntegrationRegistry;
  githubCredentialsProvider?: GithubCredentialsProvider;
  retry?: CheckRepoAvailableRetryOptions;
}) {
  const { integrations } = options;
  const credentialsProvider =
    options.githubCredentialsProvider ??
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const attempts = Math.max(1, options.retry?.attempts ?? 3);
  const initialDelayMs = options.retry?.initialDelayMs ?? 1000;

  return createTemplateAction({
    id: 'github:repo:checkAvailable',
    description:
      'Checks, without changing anything, that the owner of a GitHub repository URL exists and that the repository does not exist yet. Put it before fetch:template and publish:github so a taken name or an unknown owner is refused before any side effect.',
    examples,
    // Read-only, but it needs the real GitHub: dry runs skip it.
    supportsDryRun: false,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'Repository location in the RepoUrlPicker format, e.g. github.com?owner=acme&repo=orders-api (the same value publish:github gets).',
          }),
        token: z =>
          z
            .string({
              description:
                'Optional user token (e.g. from RepoUrlPicker requestUserCredentials). Defaults to the integration credentials.',
            })
            .optional(),
      },
      output: {
        owner: z =>
          z.string({
            description: 'The repository owner, as GitHub spells it.',
          }),
        ownerType: z =>
          z.string({
            description: 'Organization or User, as GitHub reports the owner.',
          }),
        repoHtmlUrl: z =>
          z.string({
            description:
              'Where the repository will be, e.g. https://github.com/acme/orders-api.',
          }),
      },
    },
    async handler(ctx) {
      const { host, owner, repo } = parseRepoUrl(
        ctx.input.repoUrl,
        integrations,
      );
      if (!owner) {
        throw new InputError(
          `repoUrl "${ctx.input.repoUrl}" names no owner; expected <host>?owner=<organization or user>&repo=<name>`,
        );
      }
      if (!repo) {
        throw new InputError(
          `repoUrl "${ctx.input.repoUrl}" names no repository; expected <host>?owner=<organization or user>&repo=<name>`,
        );
      }
      const integration = integrations.github.byHost(host);
      if (!integration) {
        throw new InputError(
          `No GitHub integration for host ${host}. Add it under integrations.github in app-config, or pick a configured host.`,
        );
      }
      const apiBaseUrl = (
        integration.config.apiBaseUrl ?? 'https://api.github.com'
      ).replace(/\/+$/, '');
      const where = `GitHub host ${host}`;

      // The same credentials as publish:github (getOctokitOptions): the
      // token input, else the integration's token or GitHub App.
      const token =
        ctx.input.token ||
        (
          await credentialsProvider.getCredentials({
            url: `https://${host}/${encodeURIComponent(
              owner,
            )}/${encodeURIComponent(repo)}`,
          })
        ).token;
      const octokit = new Octokit({
        ...(token ? { auth: token } : {}),
        baseUrl: apiBaseUrl,
        log: ctx.logger,
        request: {
          fetch: httpClientMetrics({
            meterName: 'launchpad-github-preflight',
            peerService: 'github',
            attributes: { 'server.address': host },
          }).fetch,
        },
      });

      /** GET with retries; any answer but 5xx is returned, not thrown. */
      const get = async (
        route: string,
        params: Record<string, string>,
        what: string,
      ): Promise<GitHubAnswer> => {
        let made = 0;
        try {
          const res = await withRetry(
            async attempt => {
              made = attempt;
              return octokit.request(route, {
                ...params,
                headers: {
                  accept: 'application/vnd.github+json',
                  'x-github-api-version': '2022-11-28',
                },
                request: { signal: ctx.signal },
              });
            },
            {
              attempts,
              initialDelayMs,
              signal: ctx.signal,
              onRetry: ({ failure, error, attempt }) =>
                ctx.logger.warn(
                  `Could not ${what} on ${where} (${
                    failure ? describeHttpFailure(failure) : String(error)
                  }); retrying (attempt ${attempt + 1} of ${attempts})`,
                ),
            },
          );
          return { status: res.status, body: res.data, headers: res.headers };
        } catch (error) {
          const failure = httpFailureOf(error);
          // Octokit's RequestError for an answer: 4xx are the caller's to read.
          const { response } = error as {
            response?: { status: number; data: any; headers: any };
          };
          if (failure?.kind === 'status' && failure.status < 500 && response) {
            return {
              status: response.status,
              body: response.data,
              headers: response.headers,
            };
          }
          if (!failure) throw error;
          throw new ServiceUnavailableError(
            `Could not ${what} on ${where} (${apiBaseUrl}) after ${made} attempts: ${describeHttpFailure(
              failure,
            )}. Nothing was created; run the template again when GitHub is reachable.`,
          );
        }
      };

      const refuseCommon = (answer: GitHubAnswer, what: string) => {
        const message = answer.body?.message ?? `HTTP ${answer.status}`;
        if (answer.status === 401) {
          throw new AuthenticationError(
            `GitHub refused the credentials for ${where} while trying to ${what} (${message}). Check the token or GitHub App of integrations.github for ${host}.`,
          );
        }
        if (answer.status === 403 || answer.status === 429) {
          if (
            String(answer.headers['x-ratelimit-remaining']) === '0' ||
            /rate limit/i.test(message)
          ) {
            throw new ServiceUnavailableError(
              `GitHub rate limit reached on ${where} while trying to ${what} (${message}). Nothing was created; run the template again later.`,
            );
          }
          throw new NotAllowedError(
            `GitHub did not allow the portal to ${what} on ${where} (${message}). The integration's token or GitHub App needs read access to ${owner}.`,
          );
        }
        throw new Error(
          `Unexpected answer from ${where} while trying to ${what}: HTTP ${answer.status} ${message}`,
        );
      };

      // 1. The owner: an organization or a user on this host.
      const ownerWhat = `look up the owner "${owner}"`;
      const ownerAnswer = await get(
        'GET /users/{username}',
        { username: owner },
        ownerWhat,
      );
      if (ownerAnswer.status === 404) {
        throw new InputError(
          `The repository owner "${owner}" does not exist on ${where}. Pick an existing organization (or user) in the repository location; nothing was created.`,
        );
      }
      if (ownerAnswer.status !== 200) refuseCommon(ownerAnswer, ownerWhat);
      const ownerLogin: string = ownerAnswer.body?.login ?? owner;
      const ownerType: string = ownerAnswer.body?.type ?? 'User';

      // 2. The repository must not exist yet.
      const repoWhat = `check whether ${owner}/${repo} exists`;
      const repoAnswer = await get(
        'GET /repos/{owner}/{repo}',
        { owner, repo },
        repoWhat,
      );
      const ownerHtmlUrl: string =
        ownerAnswer.body?.html_url ?? `https://${host}/${ownerLogin}`;
      const repoHtmlUrl = `${ownerHtmlUrl.replace(/\/+$/, '')}/${repo}`;
      if (repoAnswer.status === 200) {
        const fullName: string = repoAnswer.body?.full_name ?? '';
        if (fullName.toLowerCase() === `${owner}/${repo}`.toLowerCase()) {
          const url: string = repoAnswer.body?.html_url ?? repoHtmlUrl;
          throw new ConflictError(
            `The repository ${fullName} already exists on ${where} (${url}). Nothing was created. Choose another repository name, or, if it is a leftover of an earlier failed run that nobody uses, delete it (Settings → Danger Zone → Delete this repository) and run the template again.`,
          );
        }
        // GitHub follows the redirect of a renamed repository; the old name
        // is free to take (GitHub then drops the redirect).
        ctx.logger.info(
          `${owner}/${repo} is an old name of ${fullName} (renamed); the name is available`,
        );
      } else if (repoAnswer.status === 404) {
        // Absent (or not visible to the integration; publish:github would
        // then fail at its first request, still before creating anything).
      } else {
        refuseCommon(repoAnswer, repoWhat);
      }

      ctx.logger.info(
        `${ownerType} ${ownerLogin} exists on ${where} and has no repository named ${repo}: ${repoHtmlUrl} is available`,
      );
      ctx.output('owner', ownerLogin);
      ctx.output('ownerType', ownerType);
      ctx.output('repoHtmlUrl', repoHtmlUrl);
    },
  });
}
