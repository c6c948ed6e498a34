/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { GithubActionsApi } from '../githubActionsApi';
import type { RepositoryCiSettings } from '../settings';
import { examples } from './configureActions.examples';

/**
 * Creates the `github:actions:configure` action: sets, on the repository a
 * template just published, the GitHub Actions variables and secrets that
 * `launchpad.repositoryCi` holds for this portal environment, so the
 * generated CI runs without anyone setting them by hand. The values never
 * come from the template or the task: the template names only the
 * repository; secrets leave the portal only sealed with the repository's
 * public key, and logs and outputs carry names only.
 */
export function createGithubActionsConfigureAction(options: {
  integrations: ScmIntegrationRegistry;
  settings: RepositoryCiSettings | undefined;
  githubCredentialsProvider?: GithubCredentialsProvider;
}) {
  const { integrations, settings } = options;
  const credentialsProvider =
    options.githubCredentialsProvider ??
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);

  return createTemplateAction({
    id: 'github:actions:configure',
    description:
      "Sets the GitHub Actions repository variables and encrypted secrets from the portal's launchpad.repositoryCi config on a repository (names only in logs and outputs)",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'Repository location in the RepoUrlPicker format, e.g. github.com?owner=acme&repo=orders-api (the same value publish:github gets).',
          }),
        checkOnly: z =>
          z
            .boolean({
              description:
                'Only check that the portal has settings for this repository (configured, owner allowed, integration present), sending nothing: a template check before it creates anything.',
            })
            .optional(),
      },
      output: {
        variables: z =>
          z.array(z.string(), {
            description: 'Names of the variables set',
          }),
        secrets: z =>
          z.array(z.string(), { description: 'Names of the secrets set' }),
      },
    },
    async handler(ctx) {
      if (!settings) {
        throw new InputError(
          'launchpad.repositoryCi is not configured: the portal has no CI variables or secrets to set on the repository. Ask the platform team to configure it (README, "Template: CI settings").',
        );
      }
      const { host, owner, repo } = parseRepoUrl(
        ctx.input.repoUrl,
        integrations,
      );
      if (!owner || !repo) {
        throw new InputError(
          `repoUrl "${ctx.input.repoUrl}" must name an owner and a repository: <host>?owner=<organization>&repo=<name>`,
        );
      }
      if (!settings.owners.some(o => o.toLowerCase() === owner.toLowerCase())) {
        throw new NotAllowedError(
          `The portal sets CI variables and secrets only on repositories of ${settings.owners.join(
            ', ',
          )} (launchpad.repositoryCi.owners), not ${owner}/${repo}`,
        );
      }
      const integration = integrations.github.byHost(host);
      if (!integration) {
        throw new InputError(
          `No GitHub integration for host ${host}. Add it under integrations.github in app-config.`,
        );
      }
      const variableNames = Object.keys(settings.variables).sort();
      const secretNames = Object.keys(settings.secrets).sort();
      const summary = `variables ${
        variableNames.join(', ') || '(none)'
      }; secrets ${secretNames.join(', ') || '(none)'}`;

      if (ctx.input.checkOnly) {
        ctx.logger.info(`The portal will set on ${owner}/${repo}: ${summary}`);
      } else if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would set on ${owner}/${repo}: ${summary}`);
      } else {
        const credentials = await credentialsProvider.getCredentials({
          url: `https://${host}/${encodeURIComponent(
            owner,
          )}/${encodeURIComponent(repo)}`,
        });
        const api = new GithubActionsApi({
          apiBaseUrl: (
            integration.config.apiBaseUrl ?? 'https://api.github.com'
          ).replace(/\/+$/, ''),
          headers: { ...(credentials.headers ?? {}) },
          owner,
          repo,
          signal: ctx.signal,
        });
        // Each call creates or updates: a re-run after a restart sets the
        // same values again.
        for (const name of variableNames) {
          const result = await api.setVariable(name, settings.variables[name]);
          ctx.logger.info(`Variable ${name} ${result} on ${owner}/${repo}`);
        }
        if (secretNames.length) {
          const publicKey = await api.publicKey();
          for (const name of secretNames) {
            const result = await api.setSecret(
              name,
              settings.secrets[name],
              publicKey,
            );
            ctx.logger.info(
              `Secret ${name} ${result} on ${owner}/${repo} (sealed with key ${publicKey.keyId})`,
            );
          }
        }
      }
      ctx.output('variables', variableNames);
      ctx.output('secrets', secretNames);
    },
  });
}
