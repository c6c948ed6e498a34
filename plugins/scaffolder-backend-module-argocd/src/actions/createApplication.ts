/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TenancyService } from '@internal/plugin-launchpad-tenancy-node';
import { ArgoCdApplication } from '@internal/plugin-argocd-common';
import {
  ArgoCdClient,
  ArgoCdRetryOptions,
  readArgoCdConfig,
  selectArgoCdInstance,
} from '@internal/plugin-argocd-node';
import { examples } from './createApplication.examples';

/** Argo CD Application names are Kubernetes object names (RFC 1123 subdomains). */
const APP_NAME_PATTERN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

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
        instance: z =>
          z
            .string({
              description:
                'Name of the Argo CD instance from argocd.instances in app-config. Defaults to the first configured instance.',
            })
            .optional(),
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
      const instance = selectArgoCdInstance(moduleConfig, input.instance);
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
      const client = new ArgoCdClient({
        instance,
        retry: options.retry,
        logger: ctx.logger,
      });
      const uiUrl = client.applicationUiUrl(app.metadata.name);
      const target = `Argo CD instance "${instance.name}" (${instance.url})`;

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

interface CreateApplicationInput {
  appName: string;
  project: string;
  repoUrl: string;
  path?: string;
  targetRevision?: string;
  destinationServer?: string;
  destinationName?: string;
  namespace: string;
  automatedSync?: boolean;
  prune?: boolean;
  selfHeal?: boolean;
  createNamespace?: boolean;
  labels?: Record<string, string>;
}

/** Checks the input and builds the Application body; throws InputError before any request. */
export function buildApplication(
  input: CreateApplicationInput,
): ArgoCdApplication {
  const problems: string[] = [];
  if (!APP_NAME_PATTERN.test(input.appName) || input.appName.length > 253) {
    problems.push(
      `appName "${input.appName}" is not a valid Application name (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters)`,
    );
  }
  if (!input.project?.trim()) {
    problems.push('project must not be empty');
  }
  const repoUrl = input.repoUrl?.trim() ?? '';
  if (/^[^/:]+\?(.*&)?(owner|repo)=/.test(repoUrl)) {
    problems.push(
      `repoUrl "${repoUrl}" is in the RepoUrlPicker format; pass the Git URL instead, e.g. \${{ steps['publish'].output.remoteUrl }}`,
    );
  } else if (!/^(https?:\/\/|ssh:\/\/|git@)\S+$/.test(repoUrl)) {
    problems.push(
      `repoUrl "${repoUrl}" is not a Git URL (expected https://..., ssh://... or git@host:org/repo.git)`,
    );
  }
  const server = input.destinationServer?.trim() || undefined;
  const name = input.destinationName?.trim() || undefined;
  if (server && name) {
    problems.push(
      'set only one of destinationServer and destinationName, not both',
    );
  } else if (!server && !name) {
    problems.push(
      'set destinationName (the cluster name registered in Argo CD, e.g. your EKS cluster) or destinationServer (its API server URL)',
    );
  } else if (server && !/^https?:\/\/\S+$/.test(server)) {
    problems.push(`destinationServer "${server}" must be an https:// URL`);
  }
  if (
    !NAMESPACE_PATTERN.test(input.namespace ?? '') ||
    input.namespace.length > 63
  ) {
    problems.push(
      `namespace "${input.namespace}" is not a valid Kubernetes namespace (lowercase letters, digits and "-", at most 63 characters)`,
    );
  }
  for (const [key, value] of Object.entries(input.labels ?? {})) {
    const [prefix, labelName] = key.includes('/')
      ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)]
      : [undefined, key];
    const keyOk =
      LABEL_NAME.test(labelName) &&
      labelName.length <= 63 &&
      (prefix === undefined ||
        (LABEL_PREFIX.test(prefix) && prefix.length <= 253));
    if (!keyOk) {
      problems.push(`label key "${key}" is not a valid Kubernetes label key`);
    }
    if (
      typeof value !== 'string' ||
      !LABEL_VALUE.test(value) ||
      value.length > 63
    ) {
      problems.push(
        `label "${key}" has an invalid value "${value}" (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`,
      );
    }
  }
  if (!input.automatedSync && (input.prune || input.selfHeal)) {
    problems.push('prune and selfHeal only apply with automatedSync: true');
  }
  if (problems.length) {
    throw new InputError(
      `Invalid input for argocd:app:create: ${problems.join('; ')}.`,
    );
  }

  const syncPolicy: NonNullable<ArgoCdApplication['spec']['syncPolicy']> = {};
  if (input.automatedSync) {
    syncPolicy.automated = {
      prune: input.prune ?? false,
      selfHeal: input.selfHeal ?? false,
    };
  }
  if (input.createNamespace) {
    syncPolicy.syncOptions = ['CreateNamespace=true'];
  }
  const labels =
    input.labels && Object.keys(input.labels).length ? input.labels : undefined;

  return {
    metadata: {
      name: input.appName,
      ...(labels ? { labels } : {}),
    },
    spec: {
      project: input.project.trim(),
      source: {
        repoURL: repoUrl,
        path: input.path?.trim() || '.',
        targetRevision: input.targetRevision?.trim() || 'HEAD',
      },
      destination: {
        ...(server ? { server } : { name }),
        namespace: input.namespace,
      },
      ...(Object.keys(syncPolicy).length ? { syncPolicy } : {}),
    },
  };
}

/** Lists, in words, how an existing Application differs from the desired one. */
export function describeDifferences(
  desired: ArgoCdApplication,
  existing: ArgoCdApplication,
): string[] {
  const out: string[] = [];
  const compare = (field: string, want: unknown, have: unknown) => {
    const norm = (v: unknown) => (v === undefined || v === null ? '' : v);
    if (JSON.stringify(norm(want)) !== JSON.stringify(norm(have))) {
      out.push(
        `${field} is ${JSON.stringify(have ?? null)}, wanted ${JSON.stringify(
          want ?? null,
        )}`,
      );
    }
  };
  const d = desired.spec;
  const e = existing.spec;
  compare('project', d.project, e.project);
  compare('source.repoURL', d.source?.repoURL, e.source?.repoURL);
  compare('source.path', d.source?.path, e.source?.path);
  compare(
    'source.targetRevision',
    d.source?.targetRevision,
    e.source?.targetRevision,
  );
  compare('destination.server', d.destination.server, e.destination?.server);
  compare('destination.name', d.destination.name, e.destination?.name);
  compare(
    'destination.namespace',
    d.destination.namespace,
    e.destination?.namespace,
  );
  const automated = (a?: ArgoCdApplication['spec']['syncPolicy']) =>
    a?.automated && a.automated.enabled !== false
      ? {
          prune: Boolean(a.automated.prune),
          selfHeal: Boolean(a.automated.selfHeal),
        }
      : null;
  compare(
    'syncPolicy.automated',
    automated(d.syncPolicy),
    automated(e.syncPolicy),
  );
  compare(
    'syncPolicy.syncOptions',
    [...(d.syncPolicy?.syncOptions ?? [])].sort(),
    [...(e.syncPolicy?.syncOptions ?? [])].sort(),
  );
  const sortedLabels = (l?: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(l ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    );
  compare(
    'metadata.labels',
    sortedLabels(desired.metadata.labels),
    sortedLabels(existing.metadata.labels),
  );
  return out;
}
