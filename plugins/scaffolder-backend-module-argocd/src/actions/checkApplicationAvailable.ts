/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ArgoCdRetryOptions,
  readArgoCdConfig,
} from '@internal/plugin-argocd-node';
import { appNameProblem } from '../application/buildApplication';
import { examples } from './checkApplicationAvailable.examples';
import { connectToArgoCd } from './connect';
import * as inputProps from './inputProperties';

/**
 * Creates the `argocd:app:checkAvailable` scaffolder action: a read-only
 * check, meant as one of a template's first steps, that no Argo CD
 * Application with the given name exists yet. `argocd:app:create` refuses an
 * existing Application with a different spec, but only after the earlier
 * steps (repository, catalog) have run; this check refuses it before them.
 *
 * @param options.config - root config, read for `argocd.instances`
 * @param options.retry - retry behaviour of the Argo CD client (tests shorten it)
 */
export function createArgoCdCheckApplicationAvailableAction(options: {
  config: Config;
  retry?: ArgoCdRetryOptions;
}) {
  const moduleConfig = readArgoCdConfig(options.config);

  return createTemplateAction({
    id: 'argocd:app:checkAvailable',
    description:
      'Checks, without changing anything, that no Argo CD Application with the given name exists yet, so a template can refuse a taken name before it creates a repository.',
    examples,
    // Read-only, but it needs the real Argo CD: dry runs skip it.
    supportsDryRun: false,
    schema: {
      input: {
        instance: inputProps.instance,
        appName: z =>
          z.string({
            description:
              'Name of the Application the template will create with argocd:app:create.',
          }),
        project: z =>
          z
            .string({
              description:
                'Project the Application will belong to. Set it: Argo CD only reports a missing Application as missing (404) when the request names the project; without it, the answer is 403.',
            })
            .optional(),
      },
      output: {
        appName: z => z.string({ description: 'Name of the Application.' }),
        url: z =>
          z.string({
            description:
              'Link the Application will have in the Argo CD UI once created.',
          }),
      },
    },
    async handler(ctx) {
      const { appName, project } = ctx.input;
      const nameProblem = appNameProblem(appName);
      if (nameProblem) {
        throw new InputError(
          `Invalid input for argocd:app:checkAvailable: ${nameProblem}.`,
        );
      }
      const { client, description: target } = connectToArgoCd({
        config: moduleConfig,
        instanceName: ctx.input.instance,
        retry: options.retry,
        logger: ctx.logger,
      });
      const url = client.applicationUiUrl(appName);

      let existing = await client.getApplication(appName, {
        project,
        signal: ctx.signal,
      });
      if (!existing && project) {
        // With the project named, Argo CD answers "not found" also when the
        // name is taken in another project (its getAppEnforceRBAC); the list
        // by name shows it there when the account may read that project.
        existing = await client.findApplication(appName, {
          signal: ctx.signal,
        });
      }
      if (existing) {
        const spec = existing.spec ?? ({} as typeof existing.spec);
        const destination = spec.destination
          ? `${spec.destination.name ?? spec.destination.server ?? '?'}/${
              spec.destination.namespace ?? ''
            }`
          : 'unknown';
        const source = spec.source
          ? `${spec.source.repoURL} (path ${
              spec.source.path ?? '.'
            }, revision ${spec.source.targetRevision ?? 'HEAD'})`
          : 'unknown';
        throw new ConflictError(
          `An Argo CD Application named "${appName}" already exists on ${target}: project "${
            spec.project ?? '?'
          }", source ${source}, destination ${destination} (${url}). Nothing was created. Choose another name, or, if it is a leftover of an earlier failed run, delete it (argocd app delete ${appName}) and run the template again.`,
        );
      }
      ctx.logger.info(
        `No Argo CD Application named "${appName}" on ${target}: the name is available`,
      );
      ctx.output('appName', appName);
      ctx.output('url', url);
    },
  });
}
