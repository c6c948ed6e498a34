/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  BackendProcess,
  freePort,
  repoRoot,
  startBackend,
  startPostgres,
  statusAndBody,
  TestPostgres,
} from '@internal/test-support';
import {
  freeSandboxPorts,
  GITHUB_INTEGRATION_TOKEN,
  planSandbox,
  RunningStandIn,
  startStandIns,
  stopAll,
  writeConfigForPorts,
} from 'sandbox';
import { RoundRobinProxy, startRoundRobinProxy } from './roundRobinProxy';
import { startWebhookRelay, WebhookRelay } from './webhookRelay';
import { productionDatabaseSettings } from '../../support/productionDatabase';
import { ConnectionSampler, sampleConnections } from './connectionSampler';

/**
 * The sandbox as several pods would run it: N backend processes on one
 * PostgreSQL (each with its own port and working directory), a round-robin
 * proxy in front of them that is the portal's public URL, and the
 * stand-ins. The GitHub stand-in's organization webhook goes to one chosen
 * replica through a relay the test can pause; the replicas reach GitHub's
 * API through a pass-through proxy the test can slow down.
 */
export interface ReplicatedPortal {
  /** The public URL: the proxy. */
  baseUrl: string;
  proxy: RoundRobinProxy;
  replicas: BackendProcess[];
  /** Log lines of each replica's earlier processes (before a restart or kill). */
  earlierLogs: string[][];
  /** Index of the replica the GitHub webhook is delivered to. */
  webhookReplica: number;
  relay: WebhookRelay;
  /** Pass-through proxy in front of the GitHub stand-in's API. */
  githubApi: RoundRobinProxy;
  githubUrl: string;
  argocdUrl: string;
  pg: TestPostgres;
  /** The replicas' database prefix (`<prefix>scaffolder`, ...). */
  databasePrefix: string;
  /** Connections the replicas hold, sampled from the start. */
  connections: ConnectionSampler;
  /** The read-only API token (PORTAL_API_TOKEN). */
  apiToken: string;
  /**
   * A static token that may only send notifications (an automation's
   * token, as `backend.auth.externalAccess` would list it).
   */
  notifierToken: string;
  /** GET an API path on one replica (default: through the proxy) with the API token. */
  api<T = any>(
    pathname: string,
    replica?: number,
  ): Promise<{ status: number; body: T }>;
  /** Starts replica `i` again (same port, environment and data), waiting until it is ready. */
  restart(i: number): Promise<BackendProcess>;
  stop(): Promise<void>;
}

export async function startReplicatedPortal(options: {
  replicas: number;
  webhookReplica: number;
  syncDelayMs?: number;
}): Promise<ReplicatedPortal> {
  const appDist = path.join(repoRoot, 'packages/app/dist/index.html');
  if (!fs.existsSync(appDist)) {
    throw new Error(
      `${appDist} is missing: build the frontend first (yarn build:all)`,
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-scale-'));
  const ports = await freeSandboxPorts();
  const replicaPorts = await Promise.all(
    Array.from({ length: options.replicas }, () => freePort()),
  );
  const proxyPort = await freePort();
  const baseUrl = `http://localhost:${proxyPort}`;
  const pg = await startPostgres();
  const relay = await startWebhookRelay(
    `http://localhost:${
      replicaPorts[options.webhookReplica]
    }/api/events/http/github`,
  );

  const plan = planSandbox({});
  const standIns: RunningStandIn[] = await startStandIns({
    plan,
    rootDir: dataDir,
    ports,
    syncDelayMs: options.syncDelayMs ?? 1000,
    portalBackendUrl: baseUrl,
    webhookUrl: relay.url,
  });
  const githubUrl = standIns.find(s => s.name === 'GitHub')!.url;
  const argocdUrl = standIns.find(s => s.name === 'Argo CD')!.url;
  const githubApi = await startRoundRobinProxy({ upstreams: [githubUrl] });

  // The sandbox config files, pointed at this run's ports.
  const args = writeConfigForPorts({
    files: plan.configFiles,
    rootDir: repoRoot,
    outDir: path.join(dataDir, 'config'),
    ports,
    absolutePaths: true,
  }).flatMap(file => ['--config', file]);

  const apiToken = randomBytes(24).toString('hex');
  const notifierToken = randomBytes(24).toString('hex');
  const prefix = `scale_${randomBytes(4).toString('hex')}_`;
  const githubHost = new URL(githubUrl).host;
  const env = (i: number) => {
    const work = path.join(dataDir, `work-${i}`);
    fs.mkdirSync(work, { recursive: true });
    return {
      PORTAL_API_TOKEN: apiToken,
      // The read-only token as app-config.yaml has it, and one for sending
      // notifications only (POST /api/notifications/notifications).
      APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
        {
          type: 'optional-static',
          options: { token: apiToken, subject: 'portal-api' },
          accessRestrictions: [
            {
              plugin: 'catalog',
              permission: ['catalog.entity.read', 'catalog.location.read'],
            },
            { plugin: 'search' },
          ],
        },
        {
          type: 'optional-static',
          options: { token: notifierToken, subject: 'scale-test-notifier' },
          accessRestrictions: [{ plugin: 'notifications' }],
        },
      ]),
      APP_CONFIG_app_baseUrl: baseUrl,
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_cors_origin: baseUrl,
      APP_CONFIG_backend_database: JSON.stringify({
        client: 'pg',
        connection: {
          host: pg.host,
          port: pg.port,
          user: pg.user,
          password: pg.password,
        },
        prefix,
        // Production's pool sizes: several replicas share one server.
        ...productionDatabaseSettings(),
      }),
      // As in production: the event bus, not a silent fall-back to this process.
      APP_CONFIG_events_useEventBus: 'always',
      APP_CONFIG_backend_workingDirectory: work,
      APP_CONFIG_techdocs_publisher_local_publishDirectory: path.join(
        dataDir,
        `techdocs-${i}`,
      ),
      // GitHub's API through the pass-through proxy; git and raw files direct.
      APP_CONFIG_integrations: JSON.stringify({
        github: [
          {
            host: githubHost,
            apiBaseUrl: `${githubApi.url}/api/v3`,
            rawBaseUrl: `${githubUrl}/raw`,
            token: GITHUB_INTEGRATION_TOKEN,
          },
        ],
      }),
      // Nothing re-reads a catalog file on its own during a test: a change
      // that shows up came from the webhook.
      APP_CONFIG_catalog_processingInterval: JSON.stringify({ minutes: 30 }),
      APP_CONFIG_catalog_providers_github_sandbox_schedule: JSON.stringify({
        frequency: { minutes: 30 },
        timeout: { minutes: 3 },
        initialDelay: { seconds: 3 },
      }),
    };
  };
  const start = (i: number, waitForReady: boolean) =>
    startBackend({
      port: replicaPorts[i],
      args,
      env: env(i),
      waitForReady,
      readyTimeoutMs: 240_000,
    });

  const connections = await sampleConnections(pg, prefix);
  // All at the same moment, as a first install with N replicas does.
  const replicas = await Promise.all(
    replicaPorts.map((_, i) => start(i, false)),
  );
  const proxy = await startRoundRobinProxy({
    upstreams: replicas.map(r => r.baseUrl),
    healthPath: '/.backstage/health/v1/readiness',
    port: proxyPort,
  });

  const portal: ReplicatedPortal = {
    baseUrl,
    proxy,
    replicas,
    earlierLogs: replicas.map(() => []),
    webhookReplica: options.webhookReplica,
    relay,
    githubApi,
    githubUrl,
    argocdUrl,
    pg,
    databasePrefix: prefix,
    connections,
    apiToken,
    notifierToken,
    async api(pathname, replica) {
      const origin =
        replica === undefined ? baseUrl : replicas[replica].baseUrl;
      return statusAndBody(
        await fetch(`${origin}${pathname}`, {
          headers: { authorization: `Bearer ${apiToken}` },
        }),
      );
    },
    async restart(i) {
      await replicas[i].stop('SIGTERM', 20_000);
      portal.earlierLogs[i].push(...replicas[i].logs(), '--- restarted ---');
      replicas[i] = await start(i, true);
      return replicas[i];
    },
    async stop() {
      await Promise.all(
        replicas.map(r => r.stop('SIGTERM', 20_000).catch(() => {})),
      );
      await proxy.stop();
      await githubApi.stop();
      await relay.stop();
      await stopAll(standIns);
      await connections.stop();
      await pg.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return portal;
}
