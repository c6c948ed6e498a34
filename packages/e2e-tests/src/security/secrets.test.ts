/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  eventually,
  repoRoot,
  SignedInUser,
  signInViaGitHub,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';

// A secret handed to a template run must not come back out anywhere: not in
// the backend's logs, the task's events or API answers, what is pushed to
// GitHub, what is sent to Argo CD, the stand-ins' stored state, or the config
// the frontend receives. Runs the FastAPI template for real on the sandbox
// (stand-ins for GitHub, Argo CD and Kubernetes), on PostgreSQL, as the
// platform team member minji-park.
jest.setTimeout(420_000);

const run = promisify(execFile);
const ORG = 'launchpad-demo';
const SERVICE = `canary-${randomBytes(3).toString('hex')}`;

/** What the task receives as `secrets`: unguessable, so any hit is a leak. */
const secretCanary = `canary-secret-${randomBytes(12).toString('hex')}`;
/** The Argo CD token the portal is configured with (the proxy swaps it). */
const argocdTokenCanary = `canary-argocd-${randomBytes(12).toString('hex')}`;

interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A recording reverse proxy in front of the Argo CD stand-in: the portal is
 * configured with this URL and `argocdTokenCanary`; the proxy records every
 * request and forwards it with the stand-in's own token.
 */
async function startArgoCdRecorder(standInToken: string) {
  const requests: RecordedRequest[] = [];
  let target = '';
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body: body.toString('utf8'),
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (
        typeof v === 'string' &&
        !['host', 'connection', 'content-length'].includes(k)
      ) {
        headers.set(k, v);
      }
    }
    if (req.headers.authorization === `Bearer ${argocdTokenCanary}`) {
      headers.set('authorization', `Bearer ${standInToken}`);
    }
    try {
      const answer = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers,
        body: ['GET', 'HEAD'].includes(req.method!) ? undefined : body,
      });
      const text = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, {
        'content-type':
          answer.headers.get('content-type') ?? 'application/json',
      });
      res.end(text);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setTarget(url: string) {
      target = url;
    },
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** Every regular file below `dir` except git's compressed object store. */
function readTree(dir: string): Array<{ file: string; text: string }> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap(entry => {
      const file = path.join(entry.parentPath, entry.name);
      if (!entry.isFile() || /\.git(\/|$)/.test(path.relative(dir, file)))
        return [];
      return [{ file, text: fs.readFileSync(file).toString('latin1') }];
    });
}

describe('secrets handed to the FastAPI template', () => {
  let pg: TestPostgres;
  let recorder: Awaited<ReturnType<typeof startArgoCdRecorder>>;
  let portal: SandboxPortal;
  let minji: SignedInUser;
  let taskId: string;
  /** The sandbox's own integration credentials (not secret outside the sandbox, but never to be echoed). */
  let sandboxSecrets: Record<string, string>;
  /** name → value of everything that must not appear. */
  let secrets: Record<string, string>;

  beforeAll(async () => {
    const githubSandbox = yaml.load(
      fs.readFileSync(
        path.join(repoRoot, 'config/github.sandbox.yaml'),
        'utf8',
      ),
    ) as any;
    const argocdSandbox = yaml.load(
      fs.readFileSync(
        path.join(repoRoot, 'config/argocd.sandbox.yaml'),
        'utf8',
      ),
    ) as any;
    sandboxSecrets = {
      'GitHub integration token': githubSandbox.integrations.github[0].token,
      'GitHub OAuth client secret':
        githubSandbox.auth.providers.github.development.clientSecret,
    };
    secrets = {
      'the secret passed to the task': secretCanary,
      'the Argo CD token': argocdTokenCanary,
      ...sandboxSecrets,
    };

    pg = await startPostgres();
    recorder = await startArgoCdRecorder(
      argocdSandbox.argocd.instances[0].token,
    );
    portal = await startSandboxPortal({
      syncDelayMs: 500,
      env: {
        APP_CONFIG_backend_database: JSON.stringify({
          client: 'pg',
          connection: {
            host: pg.host,
            port: pg.port,
            user: pg.user,
            password: pg.password,
          },
          // Own databases on a shared server (PORTAL_TEST_PG_URL, as in CI).
          prefix: `secrets_${randomBytes(4).toString('hex')}_`,
        }),
        // The sandbox's SQLite folder does not apply to PostgreSQL.
        APP_CONFIG_backend_database_connection_directory:
          undefined as unknown as string,
        APP_CONFIG_argocd_instances: JSON.stringify([
          {
            name: argocdSandbox.argocd.instances[0].name,
            url: recorder.url,
            token: argocdTokenCanary,
          },
        ]),
      },
    });
    recorder.setTarget(portal.argocdUrl);
    // The user comes from the GitHub org provider, the template and the
    // entities its checks look up from catalog files: separate ingestion
    // paths, in no fixed order.
    const sandbox = portal;
    await Promise.all(
      [
        'user/default/minji-park',
        'template/default/fastapi-service',
        'group/default/platform',
        'system/default/developer-platform',
      ].map(ref =>
        eventually(
          `${ref} in the catalog`,
          async () =>
            (
              await sandbox.api(`/api/catalog/entities/by-name/${ref}`)
            ).status === 200
              ? true
              : undefined,
          90_000,
        ),
      ),
    );
    minji = await signInViaGitHub(portal.baseUrl, 'minji-park');

    const githubHost = new URL(portal.githubUrl).host;
    const created = await minji.fetch('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/fastapi-service',
        values: {
          name: SERVICE,
          description: 'Secret canary test service',
          owner: 'group:default/platform',
          system: 'developer-platform',
          pythonVersion: '3.12',
          repoUrl: `${githubHost}?owner=${ORG}&repo=${SERVICE}`,
          visibility: 'private',
          namespace: `platform-${SERVICE}`,
          imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${SERVICE}`,
          replicas: 2,
          waitForSync: true,
        },
        secrets: { canary: secretCanary, token: secretCanary },
      }),
    });
    const createdBody = await created.text();
    if (created.status !== 201) {
      throw new Error(
        `creating the task answered ${created.status}: ${createdBody}`,
      );
    }
    taskId = JSON.parse(createdBody).id;
    const final = await eventually(
      'the task to finish',
      async () => {
        const task = await (
          await minji.fetch(`/api/scaffolder/v2/tasks/${taskId}`)
        ).json();
        return ['completed', 'failed', 'cancelled'].includes(task.status)
          ? task
          : undefined;
      },
      300_000,
      2000,
    );
    if (final.status !== 'completed') {
      const events = await (
        await minji.fetch(`/api/scaffolder/v2/tasks/${taskId}/events`)
      ).text();
      throw new Error(`the task ended ${final.status}: ${events.slice(-3000)}`);
    }
  });

  afterAll(async () => {
    await portal?.stop();
    await recorder?.stop();
    await pg?.stop();
  });

  /** Fails naming the secret and where it was found. */
  const expectNoSecretIn = (
    where: string,
    text: string,
    except: string[] = [],
  ) => {
    const found = Object.entries(secrets)
      .filter(([name]) => !except.includes(name))
      .filter(([, value]) => text.includes(value))
      .map(([name]) => name);
    expect({ where, found }).toEqual({ where, found: [] });
  };

  it('ran the template to the end, creating the repository and the Argo CD Application', async () => {
    const repo = path.join(
      portal.dataDir,
      '.sandbox/github/repos',
      ORG,
      `${SERVICE}.git`,
    );
    expect(fs.existsSync(repo)).toBe(true);
    const creates = recorder.requests.filter(
      r => r.method === 'POST' && r.url.startsWith('/api/v1/applications'),
    );
    expect(creates.length).toBeGreaterThan(0);
    // The portal used the configured Argo CD token (so a leak would carry this value).
    expect(creates[0].headers.authorization).toBe(
      `Bearer ${argocdTokenCanary}`,
    );
  });

  it('keeps the secrets out of the backend logs', () => {
    const logs = portal.backend.logs().join('\n');
    expect(logs).toMatch(new RegExp(`${taskId}|${SERVICE}`)); // the run is in the logs...
    expectNoSecretIn('backend logs', logs); // ...its secrets are not
  });

  it('keeps the secrets out of the task API and its events', async () => {
    const task = await (
      await minji.fetch(`/api/scaffolder/v2/tasks/${taskId}`)
    ).text();
    expect(task).toContain(SERVICE);
    expectNoSecretIn('GET /api/scaffolder/v2/tasks/:id', task);
    const events = await (
      await minji.fetch(`/api/scaffolder/v2/tasks/${taskId}/events`)
    ).text();
    expect(events).toContain('completion');
    expectNoSecretIn('GET /api/scaffolder/v2/tasks/:id/events', events);
    const list = await (
      await minji.fetch(
        '/api/scaffolder/v2/tasks?createdBy=user:default/minji-park',
      )
    ).text();
    expectNoSecretIn('GET /api/scaffolder/v2/tasks', list);
    // The event stream replays the same events; read it until completion.
    const stream = await minji.fetch(
      `/api/scaffolder/v2/tasks/${taskId}/eventstream`,
    );
    const reader = stream.body!.getReader();
    let sse = '';
    const deadline = Date.now() + 30_000;
    while (!sse.includes('completion') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      sse += Buffer.from(value).toString('utf8');
    }
    await reader.cancel();
    expect(sse).toContain('completion');
    expectNoSecretIn('GET /api/scaffolder/v2/tasks/:id/eventstream', sse);
  });

  it('keeps the secrets out of everything pushed to GitHub and the stand-ins\u2019 stored state', async () => {
    const repo = path.join(
      portal.dataDir,
      '.sandbox/github/repos',
      ORG,
      `${SERVICE}.git`,
    );
    // Every commit of every ref: messages, authors and full text diffs.
    const { stdout: history } = await run(
      'git',
      [
        '--git-dir',
        repo,
        'log',
        '--all',
        '--text',
        '-p',
        '--format=%H %an <%ae>%n%B',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    expect(history).toContain('catalog-info.yaml');
    expectNoSecretIn(`git history of ${ORG}/${SERVICE}`, history);
    // Repository settings (description, topics, protections), Argo CD
    // Applications, Kubernetes objects: the stand-ins' files.
    const stored = readTree(path.join(portal.dataDir, '.sandbox'));
    expect(stored.some(f => f.text.includes(SERVICE))).toBe(true);
    for (const { file, text } of stored) {
      expectNoSecretIn(path.relative(portal.dataDir, file), text);
    }
    const requestLog = await (
      await fetch(`${portal.githubUrl}/_standin/requests`)
    ).text();
    expectNoSecretIn('requests to the GitHub stand-in (paths)', requestLog);
  });

  it('sends the secrets nowhere in requests to Argo CD (the token only as its Authorization header)', () => {
    expect(recorder.requests.length).toBeGreaterThan(0);
    for (const r of recorder.requests) {
      const { authorization, ...headers } = r.headers;
      expectNoSecretIn(
        `Argo CD ${r.method} ${r.url}`,
        JSON.stringify({ url: r.url, headers, body: r.body }),
      );
      expectNoSecretIn(
        `Argo CD ${r.method} ${r.url} authorization`,
        String(authorization),
        ['the Argo CD token'],
      );
    }
  });

  it('keeps the secrets out of the config the frontend receives', async () => {
    for (const page of ['/', '/create', `/create/tasks/${taskId}`]) {
      const html = await (await fetch(`${portal.baseUrl}${page}`)).text();
      expect(html).toContain('backstage.io/config');
      expectNoSecretIn(`the app's HTML and injected config (${page})`, html);
    }
  });

  it('keeps the secrets out of the new service in the catalog', async () => {
    const entity = await eventually(
      'the new component',
      async () => {
        const res = await minji.fetch(
          `/api/catalog/entities/by-name/component/default/${SERVICE}`,
        );
        return res.status === 200 ? res.text() : undefined;
      },
      60_000,
    );
    expectNoSecretIn('the catalog entity', entity);
  });
});
