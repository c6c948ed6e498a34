/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * A local stand-in for the parts of the Argo CD 3.6 REST API the portal uses.
 *
 * It speaks the documented protocol (paths, bearer-token auth, grpc-gateway
 * style error bodies, Application objects in Argo CD's shape) and keeps
 * Applications in JSON files so a restart keeps them. It does not deploy
 * anything itself: a configurable time after an automated Application is
 * created or changed it reports the sync as finished, after asking the
 * optional `onSync` hook (which a Kubernetes stand-in can use to apply the
 * manifests).
 *
 * This file only wires the parts together: the routes (./routes), the sync
 * lifecycle (./sync.ts), RBAC (./rbac.ts), AppProjects (./projects.ts), the
 * checks before a write (./admission.ts) and the request dispatch
 * (./dispatch.ts) on the shared toolkit `@internal/stand-in-http`.
 */
import { listen, Router } from '@internal/stand-in-http';
import { findRepoRoot } from '@internal/test-support';
import path from 'node:path';
import { ApplicationAdmission } from './admission';
import { resolveCluster } from './clusters';
import { ArgoCdContract } from './contract';
import { ArgoCdRequest, createDispatcher } from './dispatch';
import { checkSyncObjects, ProjectRegistry } from './projects';
import { StandInAccess } from './rbac';
import { addApplicationRoutes } from './routes/applications';
import { addProjectRoutes } from './routes/projects';
import { ApplicationStore, StoredApplication } from './store';
import { SyncLifecycle } from './sync';
import {
  ArgoCdStandIn,
  ArgoCdStandInOptions,
  DEFAULT_CLUSTERS,
  DEFAULT_PORT,
  DEFAULT_SYNC_DELAY_MS,
  DEFAULT_TOKEN,
} from './types';

export * from './types';
export { findRepoRoot };

const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the stand-in; resolves once it listens. */
export async function createArgoCdStandIn(
  options: ArgoCdStandInOptions = {},
): Promise<ArgoCdStandIn> {
  const log = options.log ?? (() => {});
  const clusters = options.clusters ?? DEFAULT_CLUSTERS;
  const projects = new ProjectRegistry(
    options.projects ?? [],
    options.defaultProject,
  );
  const access = new StandInAccess(
    options.token ?? DEFAULT_TOKEN,
    options.rbac,
  );
  const store = new ApplicationStore(
    options.dataDir ?? path.join(findRepoRoot(), '.sandbox', 'argocd'),
  );
  const { onSync } = options;
  const sync = new SyncLifecycle({
    store,
    delayMs: options.syncDelayMs ?? DEFAULT_SYNC_DELAY_MS,
    log,
    // The hook gets the Application's project and cluster, and the
    // project's sync-time checks on the objects it renders.
    runHook:
      onSync &&
      ((app: StoredApplication) => {
        const project = projects.get(app.spec.project)!;
        const cluster = resolveCluster(clusters, app.spec.destination);
        return onSync(app, {
          project,
          cluster,
          check: (objects, isNamespaced) =>
            checkSyncObjects(
              project,
              cluster,
              app.spec.destination.namespace ?? '',
              objects,
              isNamespaced,
            ),
        });
      }),
  });

  const router = new Router<ArgoCdRequest>({ headAsGet: false });
  addApplicationRoutes(router, {
    store,
    access,
    sync,
    admission: new ApplicationAdmission(
      ArgoCdContract.load(),
      projects,
      clusters,
    ),
  });
  addProjectRoutes(router, { projects, access });
  const dispatch = createDispatcher({
    router,
    access,
    bodyLimit: MAX_BODY_BYTES,
    log,
  });

  const host = options.host ?? '127.0.0.1';
  const server = await listen(
    (raw, res) => {
      void dispatch(raw, res);
    },
    { port: options.port ?? DEFAULT_PORT, host },
  );
  // Finish the syncs that were running when the previous process stopped.
  sync.resumeRunning();

  return {
    url: `http://${host}:${server.port}`,
    port: server.port,
    rbac: access.policy,
    async stop() {
      sync.stop();
      await server.stop();
    },
  };
}
