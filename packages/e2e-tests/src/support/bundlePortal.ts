/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  freeSandboxPorts,
  planSandbox,
  RunningStandIn,
  startStandIns,
  stopAll,
  writeConfigForPorts,
} from 'sandbox';
import {
  BackendProcess,
  freePort,
  repoRoot,
  startBackend,
  TestPostgres,
} from '@internal/test-support';
import { ProductionRuntime } from './productionRuntime';

export interface BundlePortalOptions {
  /** Scratch folder: the stand-ins' data and the rewritten config files. */
  work: string;
  /** The unpacked production build (prepareProductionRuntime). */
  runtime: ProductionRuntime;
  pg: TestPostgres;
  /** `backend.database.prefix`: the databases of this portal. */
  databasePrefix: string;
  /** Config files layered last (after the sandbox's stand-in files). */
  configs: string[];
  /** NODE_OPTIONS for the backend; the image's when omitted. */
  nodeOptions?: string;
}

export interface BundlePortal {
  baseUrl: string;
  port: number;
  /** Where the backend serves Prometheus metrics (the image's 9464, moved). */
  metricsUrl: string;
  /** PORTAL_API_TOKEN */
  apiToken: string;
  githubUrl: string;
  githubHost: string;
  standIns: RunningStandIn[];
  /** Every variable the backend is started with (secrets included). */
  env: Record<string, string | undefined>;
  /**
   * Starts the backend (again); `env` adds variables for this start. With
   * `listenPort`, another replica on that port (and its own metrics port).
   */
  start(
    env?: Record<string, string | undefined>,
    listenPort?: number,
  ): Promise<{ proc: BackendProcess; readyMs: number }>;
  /** Stops the stand-ins (the backend is the caller's to stop). */
  stop(): Promise<void>;
}

/**
 * The production build as the image runs it (the Dockerfile's CMD and ENV,
 * NODE_ENV=production, app-config.yaml + app-config.production.yaml) on a
 * private PostgreSQL, with the sandbox's stand-ins for GitHub, Argo CD and
 * the Kubernetes API on free ports and their config files pointed at them.
 * Used by the benchmark and the operability tests.
 */
export async function prepareBundlePortal(
  options: BundlePortalOptions,
): Promise<BundlePortal> {
  const { work, runtime, pg } = options;
  const port = await freePort();
  const metricsPort = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const ports = await freeSandboxPorts();
  const plan = planSandbox({});
  const standIns = await startStandIns({
    plan,
    rootDir: work,
    ports,
    syncDelayMs: 1000,
    portalBackendUrl: baseUrl,
  });
  const githubUrl = standIns.find(s => s.name === 'GitHub')!.url;
  const githubHost = new URL(githubUrl).host;

  // The sandbox's stand-in config files, pointed at this run's ports, then
  // the caller's. Not the sandbox's app-config.development.yaml: the image
  // never loads it.
  const configArgs = writeConfigForPorts({
    files: plan.configFiles.filter(f => f.startsWith('config/')),
    rootDir: repoRoot,
    outDir: path.join(work, 'config'),
    ports,
  }).flatMap(file => ['--config', file]);
  for (const extra of options.configs) {
    configArgs.push('--config', path.resolve(repoRoot, extra));
  }

  const apiToken = randomBytes(24).toString('hex');
  const env: Record<string, string | undefined> = {
    // The image's ENV (heap cap, compile cache), as the container has it.
    ...runtime.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: options.nodeOptions ?? runtime.env.NODE_OPTIONS,
    APP_BASE_URL: baseUrl,
    APP_CONFIG_backend_listen: `:${port}`,
    APP_CONFIG_backend_listen_port: undefined,
    APP_CONFIG_backend_database_prefix: options.databasePrefix,
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    POSTGRES_HOST: pg.host,
    POSTGRES_PORT: String(pg.port),
    POSTGRES_USER: pg.user,
    POSTGRES_PASSWORD: pg.password,
    PORTAL_API_TOKEN: apiToken,
    AUTH_GITHUB_CLIENT_ID: 'sandbox-github-client-id',
    AUTH_GITHUB_CLIENT_SECRET: 'sandbox-github-client-secret',
    GITHUB_ORG: 'launchpad-demo',
    GITHUB_HOST: githubHost,
    GITHUB_URL: githubUrl,
    GITHUB_API_URL: `${githubUrl}/api/v3`,
    GITHUB_ENTERPRISE_URL: githubUrl,
    GITHUB_TOKEN: 'sandbox-github-token',
    // Required by app-config.production.yaml; the sandbox config files
    // layered after it point Argo CD and Kubernetes at the stand-ins.
    ARGOCD_URL: standIns.find(s => s.name === 'Argo CD')!.url,
    ARGOCD_TOKEN: 'sandbox-argocd-token',
    EKS_CLUSTER_NAME: 'eks',
    EKS_CLUSTER_URL: standIns.find(s => s.name === 'Kubernetes API')!.url,
    EKS_CLUSTER_CA_DATA: Buffer.from(
      'unused: the stand-in is plain HTTP',
    ).toString('base64'),
    TECHDOCS_S3_BUCKET: 'unused-without-s3',
    AWS_REGION: 'ap-northeast-2',
    HOME: work,
  };

  return {
    baseUrl,
    port,
    metricsUrl: `http://localhost:${metricsPort}/metrics`,
    apiToken,
    githubUrl,
    githubHost,
    standIns,
    env,
    async start(extraEnv = {}, listenPort = port) {
      const t0 = Date.now();
      const replica =
        listenPort === port
          ? {}
          : {
              APP_CONFIG_backend_listen: `:${listenPort}`,
              OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
            };
      const proc = await startBackend({
        cwd: runtime.dir,
        command: [...runtime.command, ...configArgs],
        port: listenPort,
        env: { ...env, ...replica, ...extraEnv },
        readyTimeoutMs: 120_000,
      });
      return { proc, readyMs: Date.now() - t0 };
    },
    stop: () => stopAll(standIns),
  };
}
