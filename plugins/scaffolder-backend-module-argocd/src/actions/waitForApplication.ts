/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ArgoCdApplication,
  ArgoCdApplicationCondition,
} from '@internal/plugin-argocd-common';
import { sleep } from '@internal/backend-http-node';
import {
  ArgoCdRetryOptions,
  readArgoCdConfig,
} from '@internal/plugin-argocd-node';
import { connectToArgoCd } from './connect';
import * as inputProps from './inputProperties';
import { examples } from './waitForApplication.examples';

/** Argo CD reported that the Application failed to sync or is Degraded. */
export class ArgoCdApplicationFailedError extends Error {
  name = 'ArgoCdApplicationFailedError';
}

/** The Application did not become Synced and Healthy in time. */
export class ArgoCdWaitTimeoutError extends Error {
  name = 'ArgoCdWaitTimeoutError';
}

type Verdict =
  | { state: 'ready' }
  | { state: 'failed'; reason: string }
  | { state: 'waiting' };

/** Decides from an Application's status whether waiting is over. */
export function evaluateApplication(app: ArgoCdApplication): Verdict {
  const status = app.status ?? {};
  const operation = status.operationState;
  const conditions = status.conditions ?? [];
  if (operation?.phase === 'Failed' || operation?.phase === 'Error') {
    return {
      state: 'failed',
      reason: `sync ${operation.phase === 'Error' ? 'errored' : 'failed'}: ${
        operation.message ||
        conditionText(conditions) ||
        'no message from Argo CD'
      }`,
    };
  }
  const invalidSpec = conditions.filter(c => c.type === 'InvalidSpecError');
  if (invalidSpec.length) {
    return {
      state: 'failed',
      reason: `has an invalid spec: ${conditionText(invalidSpec)}`,
    };
  }
  if (status.health?.status === 'Degraded') {
    return {
      state: 'failed',
      reason: `is Degraded: ${
        status.health.message ||
        conditionText(conditions) ||
        operation?.message ||
        'no message from Argo CD'
      }`,
    };
  }
  if (
    status.sync?.status === 'Synced' &&
    status.health?.status === 'Healthy' &&
    operation?.phase !== 'Running' &&
    operation?.phase !== 'Terminating'
  ) {
    return { state: 'ready' };
  }
  return { state: 'waiting' };
}

function conditionText(conditions: ArgoCdApplicationCondition[]): string {
  return conditions.map(c => `${c.type}: ${c.message}`).join('; ');
}

function describeStatus(app: ArgoCdApplication): string {
  const s = app.status ?? {};
  const parts = [
    `sync ${s.sync?.status ?? 'Unknown'}`,
    `health ${s.health?.status ?? 'Unknown'}`,
  ];
  if (s.operationState?.phase) {
    parts.push(
      `operation ${s.operationState.phase}${
        s.operationState.message ? ` (${s.operationState.message})` : ''
      }`,
    );
  }
  return parts.join(', ');
}

/**
 * Creates the `argocd:app:wait` scaffolder action.
 *
 * @param options.config - root config, read for `argocd.instances` and `argocd.waitDefaults`
 * @param options.retry - retry behaviour of the Argo CD client (tests shorten it)
 */
export function createArgoCdWaitForApplicationAction(options: {
  config: Config;
  retry?: ArgoCdRetryOptions;
}) {
  const moduleConfig = readArgoCdConfig(options.config);

  return createTemplateAction({
    id: 'argocd:app:wait',
    description:
      "Waits until an Argo CD Application is Synced and Healthy. Fails with Argo CD's message when the sync fails or the Application is Degraded, and when the timeout passes.",
    examples,
    schema: {
      input: {
        instance: inputProps.instance,
        appName: z =>
          z.string({
            description: 'Name of the Argo CD Application to wait for.',
          }),
        intervalSeconds: z =>
          z
            .number({
              description: `Seconds between two status checks. Default argocd.waitDefaults.intervalSeconds (${moduleConfig.waitDefaults.intervalSeconds}).`,
            })
            .positive()
            .optional(),
        timeoutSeconds: z =>
          z
            .number({
              description: `Seconds to wait before failing. Default argocd.waitDefaults.timeoutSeconds (${moduleConfig.waitDefaults.timeoutSeconds}).`,
            })
            .positive()
            .optional(),
      },
      output: {
        syncStatus: z =>
          z.string({ description: 'Final sync status (Synced).' }),
        healthStatus: z =>
          z.string({ description: 'Final health status (Healthy).' }),
        revision: z =>
          z
            .string({ description: 'The Git revision Argo CD deployed.' })
            .optional(),
      },
    },
    async handler(ctx) {
      const { appName } = ctx.input;
      const { instance, client } = connectToArgoCd({
        config: moduleConfig,
        instanceName: ctx.input.instance,
        retry: options.retry,
        logger: ctx.logger,
      });
      const intervalSeconds =
        ctx.input.intervalSeconds ?? moduleConfig.waitDefaults.intervalSeconds;
      const timeoutSeconds =
        ctx.input.timeoutSeconds ?? moduleConfig.waitDefaults.timeoutSeconds;
      if (!(intervalSeconds > 0) || !(timeoutSeconds > 0)) {
        throw new InputError(
          'intervalSeconds and timeoutSeconds must be positive numbers',
        );
      }
      const target = `Argo CD Application "${appName}" on instance "${
        instance.name
      }" (${client.applicationUiUrl(appName)})`;
      const deadline = Date.now() + timeoutSeconds * 1000;
      let lastDescription = '';

      ctx.logger.info(
        `Waiting up to ${timeoutSeconds} s for ${target} to become Synced and Healthy`,
      );
      for (;;) {
        const app = await client.getApplication(appName, {
          signal: ctx.signal,
        });
        if (!app) {
          throw new NotFoundError(
            `${target} does not exist. Create it first, e.g. with argocd:app:create.`,
          );
        }
        const description = describeStatus(app);
        if (description !== lastDescription) {
          ctx.logger.info(`${target}: ${description}`);
          lastDescription = description;
        }
        const verdict = evaluateApplication(app);
        if (verdict.state === 'ready') {
          ctx.logger.info(`${target} is Synced and Healthy`);
          ctx.output('syncStatus', app.status!.sync!.status!);
          ctx.output('healthStatus', app.status!.health!.status!);
          if (app.status?.sync?.revision) {
            ctx.output('revision', app.status.sync.revision);
          }
          return;
        }
        if (verdict.state === 'failed') {
          throw new ArgoCdApplicationFailedError(`${target} ${verdict.reason}`);
        }
        const waitMs = intervalSeconds * 1000;
        if (Date.now() + waitMs > deadline) {
          const hint = app.spec.syncPolicy?.automated
            ? ''
            : ' The Application has no automated sync policy, so nothing syncs it unless someone starts a sync.';
          throw new ArgoCdWaitTimeoutError(
            `Timed out after ${timeoutSeconds} s waiting for ${target} to become Synced and Healthy; last status: ${description}.${hint}`,
          );
        }
        await sleep(waitMs, ctx.signal);
      }
    },
  });
}
