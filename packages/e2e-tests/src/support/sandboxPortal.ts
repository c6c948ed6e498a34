/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  freeSandboxPorts,
  planSandbox,
  RunningStandIn,
  SANDBOX_PORTS,
  startStandIns,
  stopAll,
  writeConfigForPorts,
} from 'sandbox';
import {
  BackendProcess,
  freePort,
  repoRoot,
  startBackend,
  statusAndBody,
} from '@internal/test-support';

export interface SandboxPortal {
  /** The portal (frontend served by the backend) */
  baseUrl: string;
  backend: BackendProcess;
  standIns: RunningStandIn[];
  githubUrl: string;
  argocdUrl: string;
  kubernetesUrl: string;
  /** PORTAL_API_TOKEN of this portal */
  apiToken: string;
  dataDir: string;
  /** GET a backend API path with the API token. */
  api<T = any>(pathname: string): Promise<{ status: number; body: T }>;
  /** Stops the backend only (the stand-ins and data stay), e.g. to restart it. */
  restartBackend(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The sandbox exactly as `yarn start` wires it, on free ports and a private
 * data folder: the three stand-ins in this process, the backend as a real
 * process serving the production build of the frontend (so run
 * `yarn build:all` first; the test command does).
 */
export async function startSandboxPortal(
  options: {
    env?: Record<string, string>;
    syncDelayMs?: number;
    /**
     * Use the sandbox's own stand-in ports (3300, 8088, 8089) as `yarn start`
     * does, e.g. because a template names `localhost:3300` as a host.
     */
    standardPorts?: boolean;
  } = {},
): Promise<SandboxPortal> {
  const appDist = path.join(repoRoot, 'packages/app/dist/index.html');
  if (!fs.existsSync(appDist)) {
    throw new Error(
      `${appDist} is missing: build the frontend first (yarn build:all; yarn test:all does it)`,
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-sandbox-'));
  const ports = options.standardPorts
    ? { ...SANDBOX_PORTS }
    : await freeSandboxPorts();
  const backendPort = await freePort();
  const baseUrl = `http://localhost:${backendPort}`;
  const plan = planSandbox({});
  const standIns = await startStandIns({
    plan,
    rootDir: dataDir,
    ports,
    syncDelayMs: options.syncDelayMs ?? 1000,
    portalBackendUrl: baseUrl,
  });

  // The sandbox config files, pointed at this run's ports; relative catalog
  // file locations resolve from packages/backend.
  const configFiles = writeConfigForPorts({
    files: plan.configFiles,
    rootDir: repoRoot,
    outDir: path.join(dataDir, 'config'),
    ports,
    absolutePaths: true,
  });

  const apiToken = randomBytes(24).toString('hex');
  const env = {
    PORTAL_API_TOKEN: apiToken,
    APP_CONFIG_app_baseUrl: baseUrl,
    APP_CONFIG_backend_cors_origin: baseUrl,
    APP_CONFIG_backend_database_connection_directory: path.join(
      dataDir,
      'sqlite',
    ),
    APP_CONFIG_techdocs_publisher_local_publishDirectory: path.join(
      dataDir,
      'techdocs',
    ),
    APP_CONFIG_backend_workingDirectory: path.join(dataDir, 'work'),
    ...options.env,
  };
  fs.mkdirSync(path.join(dataDir, 'work'));
  const args = configFiles.flatMap(f => ['--config', f]);
  let backend = await startBackend({
    port: backendPort,
    args,
    env,
    readyTimeoutMs: 120_000,
  });

  const find = (name: string) => standIns.find(s => s.name === name)!.url;
  const portal: SandboxPortal = {
    baseUrl,
    get backend() {
      return backend;
    },
    standIns,
    githubUrl: find('GitHub'),
    argocdUrl: find('Argo CD'),
    kubernetesUrl: find('Kubernetes API'),
    apiToken,
    dataDir,
    async api(pathname) {
      const res = await fetch(`${baseUrl}${pathname}`, {
        headers: { authorization: `Bearer ${apiToken}` },
      });
      return statusAndBody(res);
    },
    async restartBackend() {
      await backend.stop('SIGTERM', 20_000);
      backend = await startBackend({
        port: backendPort,
        args,
        env,
        readyTimeoutMs: 120_000,
      });
    },
    async stop() {
      await backend.stop('SIGTERM', 20_000).catch(() => {});
      await stopAll(standIns);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return portal;
}
