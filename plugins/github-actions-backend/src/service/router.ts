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
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { GithubActionsClient } from './GithubActionsClient';
import { readEntityAsCaller } from '@internal/plugin-catalog-access-node';
import { resolveEntityRepository } from './repository';

export interface RouterOptions {
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  integrations: ScmIntegrationRegistry;
  /** Default: `DefaultGithubCredentialsProvider` over `integrations`. */
  credentials?: GithubCredentialsProvider;
  /** Upper bound for one read from GitHub. Default 10 s. */
  timeoutMs?: number;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

function readLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n =
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    throw new InputError(
      `limit is '${value}'; it must be a whole number from 1 to ${MAX_LIMIT}`,
    );
  }
  return n;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, auth, httpAuth, catalog, integrations } = options;
  const client = new GithubActionsClient({
    credentials:
      options.credentials ??
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    timeoutMs: options.timeoutMs ?? 10_000,
  });

  const router = Router();

  router.get('/entities/:namespace/:kind/:name/runs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const limit = readLimit(req.query.limit);
    const { namespace, kind, name } = req.params;
    const entity = await readEntityAsCaller(
      { catalog, auth },
      { kind, namespace, name },
      credentials,
    );
    const target = resolveEntityRepository(entity, integrations);
    try {
      const runs = await client.latestRuns(target, limit);
      res.set('Cache-Control', 'no-store');
      res.json(runs);
    } catch (error) {
      logger.warn(
        `Could not read the GitHub Actions runs of ${stringifyEntityRef(
          entity,
        )} (${target.owner}/${target.repo}): ${(error as Error).message}`,
      );
      throw error;
    }
  });

  return router;
}
