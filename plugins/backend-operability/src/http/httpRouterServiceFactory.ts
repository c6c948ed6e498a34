/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createAuthIntegrationRouter,
  createCookieAuthRefreshMiddleware,
  createCredentialsBarrier,
  createLifecycleMiddleware,
  createRateLimitMiddleware,
} from '@backstage/backend-defaults/httpRouter';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import Router from 'express-promise-router';
import { readDatabaseTarget } from '../database/unavailable';
import {
  databaseUnavailableHandler,
  DatabaseOutageLog,
} from './databaseUnavailableHandler';
import { PLUGIN_ID_LOCAL } from './httpServerMetrics';

/**
 * Backstage's `httpRouter` service, assembled from the same public parts as
 * `@backstage/backend-defaults/httpRouter` in the same order (rate limit,
 * auth integration, lifecycle, credentials barrier, cookie refresh, the
 * plugin's routes, the error handler), with two additions:
 *
 * - {@link databaseUnavailableHandler} just before Backstage's error
 *   handler: while the database is unreachable, requests get `503`,
 *   `Retry-After` and a plain message instead of a `500` carrying the
 *   driver's error (with the database's address), and the outage is logged
 *   at a bounded rate for the whole process;
 * - the plugin's id on `res.locals`, for the HTTP metrics' `http.route`.
 *
 * Every plugin router ends in its own error handler, so this is the one
 * place where such errors can be answered; a root router middleware never
 * sees them. Keep it in step with the default factory on upgrades (the
 * parts and their order are listed in backend-defaults'
 * `httpRouterServiceFactory`).
 */
export const httpRouterServiceFactory = createServiceFactory({
  service: coreServices.httpRouter,
  initialization: 'always',
  deps: {
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    rootHttpRouter: coreServices.rootHttpRouter,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    logger: coreServices.logger,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLogger }) {
    return {
      target: readDatabaseTarget(config),
      outageLog: new DatabaseOutageLog({
        logger: rootLogger.child({ service: 'httpRouter' }),
      }),
    };
  },
  async factory(
    { auth, httpAuth, config, plugin, rootHttpRouter, lifecycle, logger },
    { target, outageLog },
  ) {
    const pluginId = plugin.getId();
    const router = Router();
    router.use((_req, res, next) => {
      res.locals[PLUGIN_ID_LOCAL] = pluginId;
      next();
    });
    router.use(createRateLimitMiddleware({ pluginId, config }));
    rootHttpRouter.use(`/api/${pluginId}`, router);

    const credentialsBarrier = createCredentialsBarrier({ httpAuth, config });
    router.use(createAuthIntegrationRouter({ auth }));
    router.use(createLifecycleMiddleware({ config, lifecycle }));
    router.use(credentialsBarrier.middleware);
    router.use(createCookieAuthRefreshMiddleware({ auth, httpAuth }));

    const pluginRoutes = Router();
    router.use(pluginRoutes);
    router.use(databaseUnavailableHandler({ pluginId, target, outageLog }));
    router.use(MiddlewareFactory.create({ config, logger }).error());

    return {
      use(handler) {
        pluginRoutes.use(handler);
      },
      addAuthPolicy(policy) {
        credentialsBarrier.addAuthPolicy(policy);
      },
    };
  },
});
