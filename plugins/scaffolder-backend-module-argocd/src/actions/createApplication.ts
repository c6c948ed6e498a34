/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TenancyService } from '@internal/plugin-launchpad-tenancy-node';
import {
  ArgoCdRetryOptions,
  readArgoCdConfig,
} from '@internal/plugin-argocd-node';
import {
  APP_NAME_PATTERN,
  buildApplication,
} from '../application/buildApplication';
import { describeDifferences } from '../application/describeDifferences';
import { connectToArgoCd } from './connect';
import { examples } from './createApplication.examples';
import * as inputProps from './inputProperties';

/** What `argocd:app:create` did. */
export type CreateApplicationResult = 'created' | 'updated' | 'unchanged';

/** What the scaffolder's dry run puts in the outputs of skipped steps. */
const DRY_RUN_PLACEHOLDER = '<example>';
const DRY_RUN_REPO_URL = 'https://dry-run.invalid/placeholder.git';

/**
 * Creates the `argocd:app:create` scaffolder action.
 *
 * @param options.config - root config, read for `argocd.instances`
 * @param options.retry - retry behaviour of the Argo CD client (tests shorten it)
 * @param options.tenancy - team tenancy: when given (the module always gives it),
 *   an Application whose project is not a team's, whose destination is outside
 *   that team's clusters and namespaces, or whose task user is not in the team
 *   (or a platform group) is refused before any request, also in dry runs
 */
export function createArgoCdCreateApplicationAction(options: {
  config: Config;
  retry?: ArgoCdRetryOptions;
  tenancy?: TenancyService;
}) {
  const moduleConfig = readArgoCdConfig(options.config);

  return createTemplateAction({
    id: 'argocd:app:create',
    description:
      'Creates an Argo CD Application that deploys a path of a Git repository to a cluster. Re-running with the same spec does nothing; a different spec is refused unless upsert is true.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        instance: inputProps.instance,
        appName: z =>
          z
            .string({
              description:
                'Name of the Argo CD Application: lowercase letters, digits, "-" and ".", at most 253 characters.',
            })
            .max(253)
            .regex(APP_NAME_PATTERN),
        project: z =>
          z.string({
            description:
              'Argo CD project (AppProject) the Application belongs to.',
          }),
        repoUrl: z =>
          z.string({
            description:
              'Git URL Argo CD deploys from, e.g. https://github.com/acme/shop.git (the publish step output remoteUrl).',
          }),
        path: z =>
          z
            .string({
              description:
                'Directory in the repository holding the manifests (e.g. a kustomize overlay). Default ".".',
            })
            .optional(),
        targetRevision: z =>
          z
            .string({
              description: 'Branch, tag or commit to deploy. Default "HEAD".',
            })
            .optional(),
        destinationServer: z =>
          z
            .string({
              description:
                'API server URL of the destination cluster as registered in Argo CD. Set this or destinationName.',
            })
            .optional(),
        destinationName: z =>
          z
            .string({
              description:
                'Name of the destination cluster as registered in Argo CD (e.g. the EKS cluster). Set this or destinationServer.',
            })
            .optional(),
        namespace: z =>
          z.string({
            description: 'Kubernetes namespace to deploy into.',
          }),
        automatedSync: z =>
          z
            .boolean({
              description:
                'Let Argo CD sync automatically when Git changes. Default false.',
            })
            .optional(),
        prune: z =>
          z
            .boolean({
              description:
                'With automated sync: delete resources that were removed from Git. Default false.',
            })
            .optional(),
        selfHeal: z =>
          z
            .boolean({
              description:
                'With automated sync: revert changes made in the cluster outside Git. Default false.',
            })
            .optional(),
        createNamespace: z =>
          z
            .boolean({
              description:
                'Add the sync option CreateNamespace=true so Argo CD creates the namespace. Default false.',
            })
            .optional(),
        labels: z =>
          z
            .record(z.string(), {
              description: 'Labels to put on the Application.',
            })
            .optional(),
        upsert: z =>
          z
            .boolean({
              description:
                'Update an existing Application whose spec differs. Default false: such a run fails and changes nothing.',
            })
            .optional(),
      },
      output: {
        appName: z => z.string({ description: 'Name of the Application.' }),
        url: z =>
          z.string({
            description: 'Link to the Application in the Argo CD UI.',
          }),
        result: z =>
          z.string({
            description:
              'What happened: created, updated, unchanged (or dry-run).',
          }),
      },
    },
    async handler(ctx) {
      let input = ctx.input;
      if (ctx.isDryRun && input.repoUrl === DRY_RUN_PLACEHOLDER) {
        // The repository comes from a step the dry run skipped (publish:*),
        // whose outputs are placeholders.
        ctx.logger.info(
          'Dry run: repoUrl comes from a step skipped in this dry run; showing a placeholder repository',
        );
        input = { ...input, repoUrl: DRY_RUN_REPO_URL };
      }
      const {
        instance,
        client,
        description: target,
      } = connectToArgoCd({
        config: moduleConfig,
        instanceName: input.instance,
        retry: options.retry,
        logger: ctx.logger,
      });
      const app = buildApplication(input);
      // Defence in depth: the template's own check ran first, but this
      // action may be used by any template.
      await options.tenancy?.authorizeApplication({
        userRef: ctx.user?.ref,
        project: app.spec.project,
        destinationName: app.spec.destination.name,
        destinationServer: app.spec.destination.server,
        namespace: app.spec.destination.namespace ?? '',
      });
      const uiUrl = client.applicationUiUrl(app.metadata.name);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create Argo CD Application "${
            app.metadata.name
          }" on ${target} (no request sent): ${JSON.stringify(app)}`,
        );
        ctx.output('appName', app.metadata.name);
        ctx.output('url', uiUrl);
        ctx.output('result', 'dry-run');
        return;
      }

      const result = await ctx.checkpoint({
        key: `argocd.app.create.${instance.name}.${app.metadata.name}`,
        fn: async (): Promise<CreateApplicationResult> => {
          const existing = await client.getApplication(app.metadata.name, {
            project: app.spec.project,
            signal: ctx.signal,
          });
          if (!existing) {
            await client.createApplication(app, { signal: ctx.signal });
            return 'created';
          }
          const differences = describeDifferences(app, existing);
          if (differences.length === 0) {
            return 'unchanged';
          }
          if (!input.upsert) {
            throw new ConflictError(
              `Argo CD Application "${
                app.metadata.name
              }" already exists on ${target} with a different spec: ${differences.join(
                '; ',
              )}. Nothing was changed. Set upsert: true to update it, or choose another application name.`,
            );
          }
          ctx.logger.info(
            `Updating Argo CD Application "${
              app.metadata.name
            }": ${differences.join('; ')}`,
          );
          await client.createApplication(app, {
            upsert: true,
            signal: ctx.signal,
          });
          return 'updated';
        },
      });

      if (result === 'unchanged') {
        ctx.logger.info(
          `Argo CD Application "${app.metadata.name}" already exists on ${target} with the same spec; nothing to do.`,
        );
      } else {
        ctx.logger.info(
          `Argo CD Application "${app.metadata.name}" ${result} on ${target}: ${uiUrl}`,
        );
      }
      ctx.output('appName', app.metadata.name);
      ctx.output('url', uiUrl);
      ctx.output('result', result);
    },
  });
}
