/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The container image's runtime, exercised without Docker.
 *
 * REQUIRES `yarn build:backend` FIRST: it reads
 * packages/backend/dist/{skeleton,bundle}.tar.gz (and the frontend inside the
 * bundle). `yarn test:all` builds before it tests; when the archives are
 * missing this test FAILS saying so, it never skips.
 *
 * What it does, following the root Dockerfile rather than a copy of it:
 * 1. parses the Dockerfile and replays its final stage, and the prod-deps
 *    stage that stage copies from, in empty temp folders (replay.ts): the yarn
 *    files and skeleton.tar.gz, the same production-only `yarn workspaces
 *    focus` (from the global yarn cache, no network), bundle.tar.gz, the
 *    config and catalog files;
 * 2. starts the Dockerfile's CMD in that folder with NODE_ENV=production and
 *    the environment the standalone overlay's ConfigMap and Secret provide,
 *    pointed at a local PostgreSQL (startPostgres), the repository's GitHub
 *    stand-in (stand-ins/github) and a loopback S3 stub for TechDocs. When
 *    the test runs as root the backend runs as uid 1000 on files it cannot
 *    write, like the pod (`runAsUser: 1000`, `readOnlyRootFilesystem`), with
 *    only a temp folder writable (the /tmp emptyDir). Test-only overrides:
 *    `APP_CONFIG_backend_listen` (a free port instead of 7007) and
 *    `APP_CONFIG_backend_database_prefix` (own databases on a shared server);
 * 3. checks readiness, the catalog through PORTAL_API_TOKEN, the frontend,
 *    a clean SIGTERM, and that a missing secret stops the start with one line
 *    naming it.
 *
 * Measured on the 2-core machine with better-sqlite3 12, which compiled from
 * source: the replay (mostly the production install) took 2.5-6 minutes
 * depending on load, the backend was ready 45 s later; the whole file 8-10
 * minutes. better-sqlite3 13 ships prebuilt binaries.
 * Only loopback addresses are contacted.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createGitHubStandIn, GitHubStandIn } from '@internal/github-stand-in';
import { findObject, kustomize, repoRoot } from './manifests';
import { ReplayedStage, replayStage, tempRoot, toolShims } from './replay';
import { startS3Stub } from '../support/s3Stub';
import {
  BackendProcess,
  freePort,
  startBackend,
  startPostgres,
  TestPostgres,
  finalStage,
  parseDockerfile,
} from '@internal/test-support';

jest.setTimeout(15 * 60_000);

const run = promisify(execFile);
const distDir = path.join(repoRoot, 'packages/backend/dist');
const RUNTIME_UID = 1000;

/** A port on loopback where nothing listens: calls to it fail fast and stay local. */
async function closedPort() {
  return freePort();
}

describe('the Dockerfile runtime (replayed without Docker)', () => {
  let work: string;
  let runtime: ReplayedStage;
  let pg: TestPostgres;
  let s3: Awaited<ReturnType<typeof startS3Stub>>;
  let github: GitHubStandIn;
  let backend: BackendProcess | undefined;
  let baseEnv: Record<string, string>;
  let command: string[];
  const token = randomBytes(24).toString('hex');
  const asRoot = process.getuid?.() === 0;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    for (const archive of ['skeleton.tar.gz', 'bundle.tar.gz']) {
      if (!fs.existsSync(path.join(distDir, archive))) {
        throw new Error(
          `packages/backend/dist/${archive} is missing: run \`yarn build:backend\` first (yarn test:all builds before it tests)`,
        );
      }
    }
    const dockerfile = parseDockerfile(
      fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'),
    );
    work = tempRoot('dockerfile-runtime-');
    const yarnPath = /^yarnPath:\s*(\S+)/m.exec(
      fs.readFileSync(path.join(repoRoot, '.yarnrc.yml'), 'utf8'),
    )?.[1];
    if (!yarnPath) throw new Error('.yarnrc.yml has no yarnPath');
    const shims = toolShims(work, path.join(repoRoot, yarnPath));
    const { NODE_ENV: _jestNodeEnv, ...hostEnv } = process.env;

    let t0 = Date.now();
    runtime = await replayStage(
      {
        dockerfile,
        context: repoRoot,
        // The build stage's /app is this repository after `yarn build:backend`.
        prebuilt: { build: repoRoot },
        workRoot: work,
        env: {
          ...hostEnv,
          PATH: `${shims}:${hostEnv.PATH}`,
          // The node:22 image builds native addons against its own headers.
          npm_config_nodedir:
            hostEnv.npm_config_nodedir ??
            path.resolve(process.execPath, '../..'),
        },
      },
      finalStage(dockerfile).name,
    );
    timings.replayMs = Date.now() - t0;

    if (asRoot) {
      // Readable, not writable, by the runtime user: the image's files under a
      // read-only root filesystem.
      await run('chmod', ['-R', 'a+rX', runtime.dir]);
    }
    const tmp = fs.mkdtempSync(path.join(work, 'tmp-'));
    if (asRoot) fs.chownSync(tmp, RUNTIME_UID, RUNTIME_UID);

    // The environment an operator gives the pod: the standalone overlay's
    // ConfigMap and Secret, with loopback endpoints for this machine.
    const standalone = await kustomize('deploy/overlays/standalone');
    const configMap = findObject(
      standalone,
      'ConfigMap',
      'launchpad-portal-config',
    ).data;
    const secret = findObject(
      standalone,
      'Secret',
      'launchpad-portal-secrets',
    ).stringData;
    const podEnv = Object.fromEntries(
      findObject(
        standalone,
        'Deployment',
        'launchpad-portal',
      ).spec.template.spec.containers[0].env.map(
        (e: { name: string; value: string }) => [e.name, e.value],
      ),
    );

    pg = await startPostgres();
    s3 = await startS3Stub(configMap.TECHDOCS_S3_BUCKET);
    const githubToken = randomBytes(16).toString('hex');
    github = await createGitHubStandIn({
      port: 0,
      dataDir: fs.mkdtempSync(path.join(work, 'github-')),
      integrationToken: githubToken,
    });
    const port = await freePort();
    baseEnv = {
      ...configMap,
      ...secret,
      ...podEnv,
      ...runtime.env,
      HOME: tmp,
      TMPDIR: tmp,
      APP_BASE_URL: `http://localhost:${port}`,
      POSTGRES_HOST: pg.host,
      POSTGRES_PORT: String(pg.port),
      POSTGRES_USER: pg.user,
      POSTGRES_PASSWORD: pg.password,
      PORTAL_API_TOKEN: token,
      // The overlay's placeholder is refused at start, like every other.
      PORTAL_API_WRITE_TOKEN: randomBytes(24).toString('hex'),
      // GitHub (Enterprise-style URLs) is the repository's local stand-in.
      GITHUB_HOST: new URL(github.url).host,
      GITHUB_URL: github.url,
      GITHUB_API_URL: `${github.url}/api/v3`,
      GITHUB_ENTERPRISE_URL: github.url,
      GITHUB_ORG: github.fixture.organization.login,
      GITHUB_TOKEN: githubToken,
      // Stay on loopback: Argo CD, the EKS API and AWS are not reachable here.
      ARGOCD_URL: `http://127.0.0.1:${await closedPort()}`,
      EKS_CLUSTER_URL: `https://127.0.0.1:${await closedPort()}`,
      // What `aws eks describe-cluster` gives: a base64 PEM CA certificate.
      EKS_CLUSTER_CA_DATA: Buffer.from(
        /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/.exec(
          fs.readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8'),
        )![0],
      ).toString('base64'),
      AWS_ENDPOINT_URL: s3.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLETESTONLY0',
      AWS_SECRET_ACCESS_KEY: 'test-only-not-a-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      // app-config.production.yaml listens on ':7007'; a free port here, in
      // the same form (startBackend's listen.port object would clash with it).
      APP_CONFIG_backend_listen: `:${port}`,
      // The metrics port (9464 in the image) on a free port too.
      OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
      // Each run gets its own databases on a shared server.
      APP_CONFIG_backend_database_prefix: `dfrt_${randomBytes(4).toString(
        'hex',
      )}_`,
    };
    if (runtime.cmd?.[0] !== 'node') {
      throw new Error(
        `The Dockerfile's CMD must start with node, not ${runtime.cmd?.[0]}`,
      );
    }
    const node = [process.execPath, ...runtime.cmd!.slice(1)];
    command = asRoot
      ? [
          'setpriv',
          `--reuid=${RUNTIME_UID}`,
          `--regid=${RUNTIME_UID}`,
          '--clear-groups',
          '--',
          ...node,
        ]
      : node;

    t0 = Date.now();
    backend = await startBackend({
      cwd: runtime.dir,
      command,
      port,
      env: { ...baseEnv, APP_CONFIG_backend_listen_port: undefined },
      readyTimeoutMs: 180_000,
    });
    timings.readyMs = Date.now() - t0;
  });

  afterAll(async () => {
    await backend?.stop('SIGKILL');
    await s3?.stop();
    await github?.stop();
    await pg?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(`dockerfile runtime timings: ${JSON.stringify(timings)}`);
  });

  it('holds production dependencies only', () => {
    const modules = path.join(runtime.dir, 'node_modules');
    expect(
      fs.existsSync(path.join(modules, '@backstage/backend-defaults')),
    ).toBe(true);
    expect(fs.existsSync(path.join(modules, 'pg'))).toBe(true);
    // Development tooling stays out of the image (typescript does not: the
    // config loader depends on it at run time).
    const devTools = [
      '@backstage/cli',
      '@backstage/backend-test-utils',
      'jest',
      'eslint',
      'prettier',
    ];
    expect(devTools.filter(d => fs.existsSync(path.join(modules, d)))).toEqual(
      [],
    );
    expect(
      fs.existsSync(path.join(runtime.dir, 'packages/app/dist/index.html')),
    ).toBe(true);
    expect(runtime.user).toBe('node');
    expect(runtime.env.NODE_ENV).toBe('production');
  });

  it('becomes ready', async () => {
    const res = await fetch(
      `${backend!.baseUrl}/.backstage/health/v1/readiness`,
    );
    expect(res.status).toBe(200);
  });

  it('answers the catalog API to PORTAL_API_TOKEN only', async () => {
    const url = `${backend!.baseUrl}/api/catalog/entities`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  });

  it('loads the catalog files the image ships and the GitHub organization', async () => {
    const portal = /name:\s*(\S+)/.exec(
      fs.readFileSync(path.join(repoRoot, 'catalog-info.yaml'), 'utf8'),
    )![1];
    const member = github.fixture.users.find(
      u => u.orgRole === 'admin' || u.orgRole === 'member',
    )!.login;
    const expected = [`Component:${portal}`, `User:${member}`];
    const catalogNames = async () => {
      const res = await fetch(
        `${backend!.baseUrl}/api/catalog/entities?fields=kind,metadata.name`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      return (
        (await res.json()) as Array<{
          kind: string;
          metadata: { name: string };
        }>
      ).map(e => `${e.kind}:${e.metadata.name}`);
    };
    const complete = (list: string[]) =>
      expected.every(e => list.includes(e)) &&
      list.some(n => n.startsWith('Template:'));
    const deadline = Date.now() + 120_000;
    let names = await catalogNames();
    while (!complete(names) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 1000));
      names = await catalogNames();
    }
    expect(names).toEqual(expect.arrayContaining(expected));
    expect(names.some(n => n.startsWith('Template:'))).toBe(true);
  });

  it('serves the frontend with its runtime config', async () => {
    const res = await fetch(`${backend!.baseUrl}/catalog`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script type="backstage.io/config">');
    expect(html).toContain(baseEnv.APP_BASE_URL);
    expect(html).not.toContain(token);
    expect(html).not.toContain(pg.password);
  });

  it('reads TechDocs from the configured S3 bucket', () => {
    expect(
      s3.requests.some(r => r.includes(`/${baseEnv.TECHDOCS_S3_BUCKET}`)),
    ).toBe(true);
  });

  it('logs no error and no secret', () => {
    const logs = backend!.logs().join('\n');
    expect(backend!.errorLines()).toEqual([]);
    for (const secret of [
      token,
      pg.password,
      baseEnv.AUTH_GITHUB_CLIENT_SECRET,
      baseEnv.GITHUB_TOKEN,
    ]) {
      expect(logs).not.toContain(secret);
    }
    // The secrets to redact were found, and the file of secret paths
    // written at image build was not refused (a damaged file, or one written
    // for other packages, logs a warning and falls back).
    const found = logs.match(
      /Found (\d+) new secrets in config that will be redacted/,
    );
    expect(Number(found?.[1])).toBeGreaterThanOrEqual(5);
    expect(logs).not.toContain('collecting the configuration schema');
  });

  it('stops cleanly on SIGTERM', async () => {
    const result = await backend!.stop('SIGTERM', 30_000);
    expect(result).toEqual({ code: 0, signal: null });
  });

  it('without a secret, stays alive but unready, with one line naming it', async () => {
    const { POSTGRES_PASSWORD: _missing, ...env } = baseEnv;
    const broken = await startBackend({
      cwd: runtime.dir,
      command,
      port: backend!.port,
      env: {
        ...env,
        POSTGRES_PASSWORD: undefined,
        APP_CONFIG_backend_listen_port: undefined,
      },
      waitForReady: false,
    });
    try {
      const health = `${broken.baseUrl}/.backstage/health/v1`;
      const deadline = Date.now() + 60_000;
      let readiness: Response | undefined;
      while (!readiness && Date.now() < deadline) {
        readiness = await fetch(`${health}/readiness`).catch(() => undefined);
        if (!readiness) await new Promise(r => setTimeout(r, 250));
      }
      // The Deployment's probes: not ready (no traffic), but alive (no restart loop).
      expect(readiness?.status).toBe(503);
      expect((await readiness!.json()).message).toContain(
        'POSTGRES_PASSWORD is not set',
      );
      expect((await fetch(`${health}/liveness`)).status).toBe(200);
      const lines = broken.logs();
      expect(lines.filter(l => l.includes('POSTGRES_PASSWORD'))).toHaveLength(
        1,
      );
      expect(lines).toHaveLength(1);
      expect(lines.filter(l => /^\s+at /.test(l))).toEqual([]); // no stack trace
    } finally {
      expect(await broken.stop('SIGTERM', 15_000)).toEqual({
        code: 0,
        signal: null,
      });
    }
  });
});
