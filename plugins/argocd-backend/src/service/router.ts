/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuthService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import { readEntityAsCaller } from '@internal/plugin-catalog-access-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_INSTANCE_NAME_ANNOTATION,
  ArgoCdApplication,
} from '@internal/plugin-argocd-common';
import {
  ArgoCdClient,
  ArgoCdModuleConfig,
  ArgoCdRetryOptions,
  selectArgoCdInstance,
} from '@internal/plugin-argocd-node';
import express from 'express';
import Router from 'express-promise-router';
import { toEntityStatus } from './applicationStatus';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  /** For checking, with the plugin's own credentials, that a hidden entity exists (403, not 404). */
  auth: AuthService;
  catalog: CatalogService;
  /** The `argocd` config section, as read by `readArgoCdConfig`. */
  argoCd: ArgoCdModuleConfig;
  /**
   * Retries for network errors and 5xx answers from Argo CD. Kept short: the
   * card polls again anyway. Default: 2 attempts, 250 ms apart.
   */
  retry?: ArgoCdRetryOptions;
  /** Upper bound for one status read from Argo CD, retries included. Default 10 s. */
  timeoutMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

const DEFAULT_RETRY: ArgoCdRetryOptions = { attempts: 2, initialDelayMs: 250 };
const DEFAULT_TIMEOUT_MS = 10_000;

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, httpAuth, auth, catalog, argoCd } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  const clients = new Map(
    argoCd.instances.map(instance => [
      instance.name,
      new ArgoCdClient({
        instance,
        retry: options.retry ?? DEFAULT_RETRY,
        logger,
      }),
    ]),
  );

  function pickClient(
    instanceName: string | undefined,
    entityRef: string,
  ): ArgoCdClient {
    const instance = selectArgoCdInstance(argoCd, instanceName, {
      namedBy: `the ${ARGOCD_INSTANCE_NAME_ANNOTATION} annotation of ${entityRef}`,
    });
    return clients.get(instance.name)!;
  }

  async function readApplication(
    client: ArgoCdClient,
    appName: string,
    entityRef: string,
  ): Promise<ArgoCdApplication | undefined> {
    try {
      return await client.findApplication(appName, {
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // Unreachable, 5xx, a rejected token, RBAC or a timeout: the card says
      // "unavailable" instead of showing anything stale. The client's
      // messages never contain the token.
      let reason = isError(error) ? error.message : String(error);
      if (isError(error) && error.name === 'TimeoutError') {
        reason = `Argo CD instance "${
          client.instanceName
        }" did not answer within ${timeoutMs / 1000} s`;
      }
      logger.warn(
        `Could not read the Argo CD status of ${entityRef} (Application "${appName}"): ${reason}`,
      );
      throw new ServiceUnavailableError(`Argo CD is unavailable: ${reason}`);
    }
  }

  const router = Router();

  router.get('/entities/:namespace/:kind/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { namespace, kind, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });

    // Read with the caller's credentials: the catalog's permission policy
    // decides whether this user may see the entity (and thus its status and
    // deployment history): 403 when it hides the entity, 404 when none exists.
    const entity = await readEntityAsCaller(
      { catalog, auth },
      { kind, namespace, name },
      credentials,
    );

    const appName =
      entity.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION]?.trim();
    if (!appName) {
      throw new NotFoundError(
        `${entityRef} has no ${ARGOCD_APP_NAME_ANNOTATION} annotation. Add the annotation with the name of its Argo CD Application to its catalog-info.yaml to see its Argo CD status.`,
      );
    }
    const instanceName =
      entity.metadata.annotations?.[ARGOCD_INSTANCE_NAME_ANNOTATION]?.trim() ||
      undefined;
    const client = pickClient(instanceName, entityRef);

    const app = await readApplication(client, appName, entityRef);
    if (!app) {
      throw new NotFoundError(
        `Argo CD instance "${client.instanceName}" has no Application "${appName}". Check the ${ARGOCD_APP_NAME_ANNOTATION} annotation of ${entityRef}, or whether the Application was deleted.`,
      );
    }

    res.set('Cache-Control', 'no-store');
    res.json(
      toEntityStatus(app, {
        instance: client.instanceName,
        appName,
        url: client.applicationUiUrl(appName),
        fetchedAt: now(),
      }),
    );
  });

  return router;
}
