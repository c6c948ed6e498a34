/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startS3Stub } from '../../support/s3Stub';
import {
  createGitHubStandIn,
  DEFAULT_FIXTURE,
  Fixture,
  GitHubStandIn,
  loadFixture,
} from '@internal/github-stand-in';
import {
  BackendProcess,
  freePort,
  repoRoot,
  startBackend,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';

/** A repository the GitHub stand-in serves from its first start. */
export interface ExtraRepository {
  name: string;
  /** File path → content of the repository's first commit. */
  files: Record<string, string>;
}

export interface ProductionPortal {
  backend: BackendProcess;
  baseUrl: string;
  github: GitHubStandIn;
  pg: TestPostgres;
  /** PORTAL_API_TOKEN */
  apiToken: string;
  /** Every variable the backend was started with (secrets included). */
  env: Record<string, string>;
  /** The Prometheus metrics endpoint (its own port, as in the image). */
  metricsUrl: string;
  /** fetch a backend path with the API token. */
  api(pathname: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The backend as production runs it: `app-config.yaml` +
 * `app-config.production.yaml`, NODE_ENV=production, started from the
 * repository root like the image's CMD from /app (so `./catalog-info.yaml`
 * and `./templates/` resolve as in the image), on a private PostgreSQL, with
 * GitHub played by the GitHub stand-in (plus `repositories`) and a loopback
 * S3 stub for TechDocs. `env` adds test-only overrides.
 */
export async function startProductionPortal(
  options: {
    repositories?: ExtraRepository[];
    env?: Record<string, string | undefined>;
  } = {},
): Promise<ProductionPortal> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'launchpad-prod-'));
  const cleanups: Array<() => Promise<void> | void> = [
    () => fs.rmSync(work, { recursive: true, force: true }),
  ];
  const stopAll = async () => {
    for (const c of cleanups.reverse())
      await Promise.resolve(c()).catch(() => {});
  };
  try {
    const fixture: Fixture = loadFixture(DEFAULT_FIXTURE);
    (options.repositories ?? []).forEach((repo, i) => {
      const source = path.join(work, 'repos', repo.name);
      for (const [file, content] of Object.entries(repo.files)) {
        fs.mkdirSync(path.dirname(path.join(source, file)), {
          recursive: true,
        });
        fs.writeFileSync(path.join(source, file), content);
      }
      fixture.repositories.push({
        name: repo.name,
        id: 6100 + i,
        visibility: 'internal',
        topics: [],
        defaultBranch: 'main',
        source,
      });
    });

    const pg = await startPostgres();
    cleanups.push(() => pg.stop());
    const s3 = await startS3Stub('launchpad-docs');
    cleanups.push(() => s3.stop());

    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const githubToken = randomBytes(16).toString('hex');
    const clientSecret = randomBytes(16).toString('hex');
    const github = await createGitHubStandIn({
      port: 0,
      dataDir: path.join(work, 'github'),
      integrationToken: githubToken,
      fixture,
      oauthApp: {
        clientSecret,
        callbackUrl: `${baseUrl}/api/auth/github/handler/frame`,
      },
    });
    cleanups.push(() => github.stop());

    const apiToken = randomBytes(24).toString('hex');
    const metricsPort = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      APP_BASE_URL: baseUrl,
      POSTGRES_HOST: pg.host,
      POSTGRES_PORT: String(pg.port),
      POSTGRES_USER: pg.user,
      POSTGRES_PASSWORD: pg.password,
      // Own databases: on a shared server (PORTAL_TEST_PG_URL, as in CI) the
      // default prefix would hand this run another test's catalog and
      // scheduler state (a discovery task "already run", next in 30 min).
      APP_CONFIG_backend_database_prefix: `prod_${randomBytes(4).toString(
        'hex',
      )}_`,
      AUTH_GITHUB_CLIENT_ID: fixture.oauthApps[0].clientId,
      AUTH_GITHUB_CLIENT_SECRET: clientSecret,
      GITHUB_ENTERPRISE_URL: github.url,
      GITHUB_HOST: new URL(github.url).host,
      GITHUB_URL: github.url,
      GITHUB_API_URL: `${github.url}/api/v3`,
      GITHUB_TOKEN: githubToken,
      GITHUB_ORG: fixture.organization.login,
      PORTAL_API_TOKEN: apiToken,
      // Argo CD and EKS: closed loopback ports (nothing here calls them).
      ARGOCD_URL: `http://127.0.0.1:${await freePort()}`,
      ARGOCD_TOKEN: randomBytes(16).toString('hex'),
      EKS_CLUSTER_NAME: 'launchpad',
      EKS_CLUSTER_URL: `https://127.0.0.1:${await freePort()}`,
      EKS_CLUSTER_CA_DATA: Buffer.from('test-only: not a certificate').toString(
        'base64',
      ),
      TECHDOCS_S3_BUCKET: 'launchpad-docs',
      AWS_REGION: 'ap-northeast-2',
      AWS_ENDPOINT_URL: s3.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETESTONLY0',
      AWS_SECRET_ACCESS_KEY: 'test-only-not-a-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      HOME: work,
      TMPDIR: work,
      // Test-only: a free port, and discovery sooner than production's 30 s.
      APP_CONFIG_backend_listen: `:${port}`,
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      APP_CONFIG_catalog_providers_github_discovery_schedule_initialDelay:
        '{"seconds":2}',
    };
    const backend = await startBackend({
      cwd: repoRoot,
      command: [
        process.execPath,
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
          paths: [path.join(repoRoot, 'packages/backend'), repoRoot],
        }),
        // As the image's CMD: OpenTelemetry before the backend.
        '--require',
        './packages/backend/instrumentation.cjs',
        'packages/backend/src/index.ts',
      ],
      args: [
        '--config',
        'app-config.yaml',
        '--config',
        'app-config.production.yaml',
      ],
      port,
      env: {
        ...env,
        APP_CONFIG_backend_listen_port: undefined,
        ...options.env,
      },
      readyTimeoutMs: 120_000,
    });
    cleanups.push(() => backend.stop('SIGKILL').then(() => {}));
    return {
      backend,
      baseUrl,
      github,
      pg,
      apiToken,
      env,
      metricsUrl: `http://localhost:${metricsPort}/metrics`,
      api(pathname, init = {}) {
        const headers = new Headers(init.headers);
        headers.set('authorization', `Bearer ${apiToken}`);
        return fetch(`${baseUrl}${pathname}`, { ...init, headers });
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
