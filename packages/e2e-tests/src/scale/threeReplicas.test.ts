/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { GITHUB_INTEGRATION_TOKEN } from 'sandbox';
import type { Browser, Page, WebSocket } from 'playwright-core';
import {
  eventually,
  launchBrowser,
  repoRoot,
  screenshotter,
  signInViaGitHub,
  signInWithGitHub,
  SignedInUser,
} from '@internal/test-support';
import { githubClient } from './support/github';
import { runReadLoad } from './support/readLoad';
import {
  ReplicatedPortal,
  startReplicatedPortal,
} from './support/replicatedPortal';
import {
  completedSteps,
  pageStepStates,
  startFastApiRun,
  taskEvents,
  taskStatus,
} from './support/tasks';
import { productionDatabaseSettings } from '../support/productionDatabase';

// Three backend processes on one PostgreSQL behind a round-robin proxy, as
// three pods behind the load balancer, with the sandbox's stand-ins: they
// start together on an empty database, and then act as one portal for a
// browser, for GitHub's webhooks, for template runs (also when the replica
// running one is killed) and under a read load while a replica dies.
//
// One file, longer than our usual limit, on purpose: starting three
// replicas on an empty database is the slowest part (a minute or more on a
// 2-core machine), so every case shares one start. The cases run in order:
// the read load restarts the replica it kills; the last case leaves the
// replica it kills down.
jest.setTimeout(900_000);

const ORG = 'launchpad-demo';
const WEBHOOK_REPLICA = 1;
const SYNC_DELAY_MS = 12_000;

describe('three replicas behind a round-robin proxy', () => {
  let portal: ReplicatedPortal;
  let browser: Browser;
  let page: Page;
  let user: SignedInUser;
  let github: ReturnType<typeof githubClient>;
  const readyAfterS: number[] = [];
  const signalFrames: string[] = [];
  const shoot = screenshotter('scale');
  const other = (i: number) => (i + 1) % 3;

  const entity = async (ref: string, replica?: number) => {
    const res = await portal.api(
      `/api/catalog/entities/by-name/${ref}`,
      replica,
    );
    return res.status === 200 ? res.body : undefined;
  };

  beforeAll(async () => {
    const t0 = Date.now();
    portal = await startReplicatedPortal({
      replicas: 3,
      webhookReplica: WEBHOOK_REPLICA,
      syncDelayMs: SYNC_DELAY_MS,
    });
    await Promise.all(
      portal.replicas.map(async (r, i) => {
        await r.waitForReady(300_000);
        readyAfterS[i] = Math.round((Date.now() - t0) / 1000);
      }),
    );
    github = githubClient(portal.githubUrl);
  });

  afterAll(async () => {
    await browser?.close();
    // Every replica's log, for diagnosing a failure (kept by CI).
    const logDir = path.join(repoRoot, 'artifacts', 'logs', 'scale');
    fs.mkdirSync(logDir, { recursive: true });
    portal?.replicas.forEach((r, i) =>
      fs.writeFileSync(
        path.join(logDir, `replica-${i}.log`),
        [...portal.earlierLogs[i], ...r.logs()].join('\n'),
      ),
    );
    await portal?.stop();
  });

  it('starts all three together on an empty database: ready, without a restart or an error line', async () => {
    // eslint-disable-next-line no-console
    console.log(`replicas ready after ${readyAfterS.join(', ')} s`);
    for (const r of portal.replicas) {
      // The same process that was started: nothing exited and came back.
      expect({ code: r.child.exitCode, signal: r.child.signalCode }).toEqual({
        code: null,
        signal: null,
      });
      expect(r.errorLines()).toEqual([]);
      const logs = r.logs();
      expect(
        logs.filter(l =>
          /MigrationLocked|already locked|knex_migrations" already exists/i.test(
            l,
          ),
        ),
      ).toEqual([]);
      // Events went to the PostgreSQL-backed bus, not one process only.
      expect(logs.filter(l => /events backend not found/i.test(l))).toEqual([]);
    }
    // They took turns: at least one waited for another to finish starting.
    const waited = portal.replicas.filter(r =>
      r
        .logs()
        .some(l =>
          l.includes('Waiting for another replica to finish starting'),
        ),
    );
    expect(waited.length).toBeGreaterThanOrEqual(1);
    await eventually(
      "all three in the proxy's rotation",
      async () => (portal.proxy.healthy().length === 3 ? true : undefined),
      10_000,
      100,
    );

    await eventually(
      'the organization and its repositories in the catalog',
      async () =>
        (await entity('user/default/minji-park')) &&
        (await entity('component/default/payments-api')) &&
        (await entity('template/default/fastapi-service'))
          ? true
          : undefined,
      120_000,
    );
  });

  const notify = (replica: number, title: string) =>
    fetch(
      `${portal.replicas[replica].baseUrl}/api/notifications/notifications`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${portal.notifierToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          recipients: { type: 'entity', entityRef: 'user:default/minji-park' },
          payload: {
            title,
            description: 'From the three-replica test',
            severity: 'normal',
          },
        }),
      },
    );

  it('signals a notification created on one replica to a connection on another', async () => {
    user = await signInViaGitHub(portal.baseUrl, 'minji-park');
    // The signals WebSocket as the frontend opens it (the token as the
    // subprotocol), straight to replica 0; a replica may refuse the very
    // first upgrade it sees, as the browser's client would retry.
    let ws: globalThis.WebSocket | undefined;
    const messages: string[] = [];
    let attempts = 0;
    while (!ws && attempts < 5) {
      attempts += 1;
      const candidate = new globalThis.WebSocket(
        `ws://localhost:${portal.replicas[0].port}/api/signals`,
        user.token,
      );
      const open = await new Promise<boolean>(resolve => {
        candidate.onopen = () => resolve(true);
        candidate.onerror = () => resolve(false);
        setTimeout(() => resolve(false), 5000);
      });
      if (open) ws = candidate;
      else candidate.close();
    }
    expect(ws).toBeDefined();
    ws!.onmessage = e => messages.push(String(e.data));
    ws!.send(JSON.stringify({ action: 'subscribe', channel: 'notifications' }));
    await new Promise(r => setTimeout(r, 500));
    try {
      const res = await notify(
        2,
        `Signal test ${randomBytes(3).toString('hex')}`,
      );
      expect(res.status).toBeLessThan(300);
      const [created] = (await res.json()) as Array<{ id: string }>;
      const message = await eventually(
        'the new_notification signal on replica 0',
        async () => messages.find(m => m.includes(created.id)),
        10_000,
        100,
      );
      expect(JSON.parse(message)).toMatchObject({
        channel: 'notifications',
        message: { action: 'new_notification', notification_id: created.id },
      });
      // eslint-disable-next-line no-console
      console.log(
        `signals connection to replica 0 opened after ${attempts} attempt(s); notification from replica 2 arrived`,
      );
    } finally {
      ws!.close();
    }
  });

  it('shows a notification created through one replica in a browser connected through another', async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('websocket', (ws: WebSocket) => {
      ws.on('framereceived', f => signalFrames.push(String(f.payload)));
    });
    await signInWithGitHub(page, portal.baseUrl, 'minji-park');
    await page
      .getByText('Getting started')
      .first()
      .waitFor({ timeout: 120_000 });
    // The live signals connection: upgraded, still open, and the browser
    // has sent its subscription through it (a replica can leave the very
    // first upgrade it sees unanswered; the browser reconnects after 5 s).
    const socket = await eventually(
      'a live signals connection',
      async () =>
        portal.proxy.records.find(
          r =>
            r.websocket &&
            r.path.startsWith('/api/signals') &&
            r.upgraded &&
            r.closedAt === undefined &&
            (r.clientBytesAfterUpgrade ?? 0) > 0,
        ),
      60_000,
      250,
    );
    const a = socket.upstream;
    const b = other(a);
    const title = `Deploy window opens (${randomBytes(3).toString('hex')})`;
    const res = await notify(b, title);
    expect(res.status).toBeLessThan(300);
    // One notification, for the signed-in user.
    const created = (await res.json()) as Array<{ user: string }>;
    expect(created.map(n => n.user)).toEqual(['user:default/minji-park']);
    const sentAt = Date.now();
    await page
      .getByText(title)
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async error => {
        const sockets = portal.proxy.records.filter(r => r.websocket);
        throw new Error(
          `${error.message}\nsignals connections (upstream): ${sockets
            .map(r => `${r.path} -> ${r.upstream}`)
            .join(', ')}; notification POSTed to ${b}; ${
            signalFrames.length
          } frames received: ${signalFrames.slice(-5).join(' | ')}`,
        );
      });
    // eslint-disable-next-line no-console
    console.log(
      `notification created on replica ${b}, shown through replica ${a}'s signals connection after ${
        Date.now() - sentAt
      } ms`,
    );
    await shoot(page, 'notification');
    expect(signalFrames.some(f => f.includes('notifications'))).toBe(true);
  });

  describe('GitHub webhooks', () => {
    const readDescription = async (replica: number) =>
      (await entity('component/default/payments-api', replica))?.metadata
        ?.description;

    it('refuses an unsigned or wrongly signed push and changes nothing; the signed one reaches every replica within 5 s', async () => {
      const description = `Payments, changed at ${new Date().toISOString()}`;
      portal.relay.capture(true);
      await github.push(ORG, 'payments-api', 'Describe the service', dir => {
        const file = path.join(dir, 'catalog-info.yaml');
        fs.writeFileSync(
          file,
          fs
            .readFileSync(file, 'utf8')
            .replace(/^ {2}description: .*$/m, `  description: ${description}`),
        );
      });
      const delivery = await eventually('the push delivery', async () =>
        portal.relay.captured.find(d => d.headers['x-github-event'] === 'push'),
      );
      portal.relay.capture(false);
      expect(delivery.headers['x-hub-signature-256']).toMatch(/^sha256=/);

      const unsigned = await portal.relay.send(delivery, {
        'x-hub-signature-256': undefined,
        'x-hub-signature': undefined,
      });
      const forged = await portal.relay.send(delivery, {
        'x-hub-signature-256': `sha256=${createHmac('sha256', 'not-the-secret')
          .update(delivery.body)
          .digest('hex')}`,
      });
      // Our ingress (plugins/events-backend-module-github-webhook) answers 401.
      expect(unsigned.status).toBe(401);
      expect(JSON.parse(unsigned.body)).toEqual({
        message: 'missing X-Hub-Signature-256 header',
      });
      expect(forged.status).toBe(401);
      expect(JSON.parse(forged.body)).toEqual({ message: 'invalid signature' });
      await new Promise(r => setTimeout(r, 5000));
      for (const i of [0, 1, 2])
        expect(await readDescription(i)).not.toBe(description);

      const accepted = await portal.relay.send(delivery);
      expect(accepted.status).toBe(202);
      const t0 = Date.now();
      const readers = [0, 1, 2].filter(i => i !== WEBHOOK_REPLICA);
      await eventually(
        'the changed description on the other replicas',
        async () => {
          const seen = await Promise.all(readers.map(readDescription));
          return seen.every(d => d === description) ? true : undefined;
        },
        5000,
        100,
      );
      // eslint-disable-next-line no-console
      console.log(
        `push delivered to replica ${WEBHOOK_REPLICA}: changed entity on replicas ${readers.join(
          ' and ',
        )} after ${Date.now() - t0} ms`,
      );
    });

    it("adds a new repository's catalog-info.yaml and a team change within seconds", async () => {
      const name = `webhook-${randomBytes(3).toString('hex')}`;
      expect(
        (
          await github.api('POST', `/orgs/${ORG}/repos`, {
            name,
            visibility: 'private',
          })
        ).status,
      ).toBe(201);
      await github.push(ORG, name, 'Add catalog-info.yaml', dir => {
        fs.writeFileSync(
          path.join(dir, 'catalog-info.yaml'),
          `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: group:default/platform\n`,
        );
      });
      let t0 = Date.now();
      await eventually(
        `component ${name} on replica 0`,
        async () =>
          (await entity(`component/default/${name}`, 0)) ? true : undefined,
        5000,
        100,
      );
      const newRepoMs = Date.now() - t0;

      expect(
        (
          await github.api(
            'PUT',
            `/orgs/${ORG}/teams/payments/memberships/junho-lee`,
            { role: 'member' },
          )
        ).status,
      ).toBe(200);
      t0 = Date.now();
      await eventually(
        'junho-lee in the payments group on replica 2',
        async () => {
          const group = await entity('group/default/payments', 2);
          const junho = await entity('user/default/junho-lee', 2);
          const inGroup = (group?.spec?.members ?? []).some((m: string) =>
            m.endsWith('junho-lee'),
          );
          const memberOf = (junho?.spec?.memberOf ?? []).some((g: string) =>
            g.endsWith('payments'),
          );
          return inGroup && memberOf ? true : undefined;
        },
        5000,
        100,
      );
      // eslint-disable-next-line no-console
      console.log(
        `new repository in the catalog after ${newRepoMs} ms, team change after ${
          Date.now() - t0
        } ms`,
      );
      expect(portal.relay.forwarded.filter(f => f.status !== 202)).toEqual([]);
    });
  });

  it('keeps serving a read load of 20 clients while a replica is killed and restarted', async () => {
    const victim = other(WEBHOOK_REPLICA);
    let stop = false;
    let killedAt = 0;
    const load = runReadLoad({
      baseUrl: portal.baseUrl,
      token: portal.apiToken,
      clients: 20,
      entityRefs: [
        'component:default/payments-api',
        'component:default/platform-gateway',
        'group:default/payments',
      ],
      until: () => stop,
      maxMs: 180_000,
    });
    await new Promise(r => setTimeout(r, 3000));
    // In flight on the killed process: sent to it before it was gone.
    await portal.replicas[victim].stop('SIGKILL');
    killedAt = Date.now();
    await new Promise(r => setTimeout(r, 2000));
    await portal.restart(victim);
    await eventually(
      'the restarted replica back in rotation',
      async () => (portal.proxy.healthy().includes(victim) ? true : undefined),
      30_000,
      200,
    );
    const backAt = Date.now();
    await new Promise(r => setTimeout(r, 3000));
    stop = true;
    const requests = await load;

    const failed = requests.filter(r => r.status !== 200);
    const brokenOnVictim = new Set(
      portal.proxy.records
        .filter(
          r =>
            r.upstream === victim &&
            r.brokenInFlight &&
            r.startedAt <= killedAt,
        )
        .map(r => r.requestId),
    );
    const served = new Map<number, number>();
    for (const r of portal.proxy.records.filter(x => x.requestId))
      served.set(r.upstream, (served.get(r.upstream) ?? 0) + 1);
    // eslint-disable-next-line no-console
    console.log(
      `read load: ${requests.length} requests, ${
        failed.length
      } failed (in flight on the killed replica ${victim}):\n${failed
        .map(f => `  ${f.id} ${f.path} -> ${f.status || f.error}`)
        .join('\n')}\nserved per replica: ${[...served.entries()]
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}`,
    );
    expect(requests.length).toBeGreaterThan(200);
    const unexplained = failed
      .filter(f => !brokenOnVictim.has(f.id))
      .map(f => ({
        ...f,
        proxy: portal.proxy.records
          .filter(r => r.requestId === f.id)
          .map(r => ({ ...r, sinceKillMs: r.startedAt - killedAt })),
      }));
    expect(unexplained).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(20);
    // The restarted replica took its share again.
    expect(
      portal.proxy.records.filter(
        r => r.requestId && r.upstream === victim && r.startedAt > backAt,
      ).length,
    ).toBeGreaterThan(0);
    for (const r of portal.replicas) expect(r.errorLines()).toEqual([]);
  });

  describe('template runs', () => {
    const githubHost = () => new URL(portal.githubUrl).host;
    /** The run's workspace as saved in the scaffolder's database, once the publish step (github:repo:push) completed. */
    const savedWorkspace = async (id: string) => {
      if (!completedSteps(await taskEvents(user, id)).includes('publish'))
        return undefined;
      const db = new Client({
        host: portal.pg.host,
        port: portal.pg.port,
        user: portal.pg.user,
        password: portal.pg.password,
        database: `${portal.databasePrefix}scaffolder`,
      });
      await db.connect();
      try {
        const { rows } = await db.query(
          'SELECT workspace FROM scaffolder_task_workspaces WHERE task_id = $1',
          [id],
        );
        const raw: Buffer | undefined = rows[0]?.workspace;
        if (!raw) return undefined;
        return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
      } finally {
        await db.end();
      }
    };
    const workerOf = (name: string) =>
      eventually(
        `the replica running ${name}`,
        async () => {
          const i = portal.replicas.findIndex(r =>
            r.logs().some(l => l.includes(`has no repository named ${name}`)),
          );
          return i >= 0 ? i : undefined;
        },
        60_000,
        100,
      );

    it('shows each step finishing on the task page, served by another replica than the one running the run', async () => {
      const name = `live-${randomBytes(3).toString('hex')}`;
      const id = await startFastApiRun(user, githubHost(), name);
      const worker = await workerOf(name);
      // The load balancer sends this browser's scaffolder requests elsewhere.
      const unroute = portal.proxy.route(
        (_, p) => p.startsWith('/api/scaffolder'),
        healthy => healthy.find(i => i !== worker)!,
      );
      try {
        await page.goto(`${portal.baseUrl}/create/tasks/${id}`);
        await page
          .locator('[data-testid="step-label"]')
          .first()
          .waitFor({ timeout: 60_000 });
        // How many steps the page shows as completed, snapshot by snapshot,
        // while the run goes on and until the page shows the run's end.
        const completedCounts = new Set<number>();
        let snapshots = 0;
        let finalStatus = '';
        const snapshot = async () => {
          const states = await pageStepStates(page);
          snapshots += 1;
          completedCounts.add(
            states.filter(x => x.state === 'completed').length,
          );
          return states;
        };
        let workspace: Buffer | undefined;
        for (;;) {
          await snapshot();
          workspace ??= await savedWorkspace(id);
          finalStatus = await taskStatus(user, id);
          if (finalStatus !== 'processing' && finalStatus !== 'open') break;
          await new Promise(r => setTimeout(r, 250));
        }
        expect(finalStatus).toBe('completed');
        const done = completedSteps(await taskEvents(user, id));
        const final = await eventually(
          'every step completed (or skipped) on the page',
          async () => {
            const states = await snapshot();
            const settled = states.every(
              x => x.state === 'completed' || x.state === 'skipped',
            );
            return settled &&
              states.filter(x => x.state === 'completed').length === done.length
              ? states
              : undefined;
          },
          30_000,
          250,
        );
        await page
          .getByRole('link', { name: /카탈로그|Open in catalog/ })
          .first()
          .waitFor({ timeout: 30_000 });
        await shoot(page, 'task-page');
        // Every step that ran shows as completed, and the page, never
        // reloaded, showed steps completing while it was open: at least two
        // different non-zero counts of completed steps (steps that ended
        // before it opened appear together; 0 is the page still loading).
        expect(
          final.filter(x => x.state !== 'completed' && x.state !== 'skipped'),
        ).toEqual([]);
        expect(
          [...completedCounts].filter(n => n > 0).length,
        ).toBeGreaterThanOrEqual(2);
        // The workspace saved for recovery (after github:repo:push: the
        // rendered files and their git metadata) holds no credential.
        expect(workspace).toBeDefined();
        expect(workspace!.includes('catalog-info.yaml')).toBe(true);
        for (const secret of [
          GITHUB_INTEGRATION_TOKEN,
          user.token,
          portal.apiToken,
          portal.notifierToken,
        ]) {
          expect(workspace!.includes(secret)).toBe(false);
        }
        const streams = portal.proxy.records.filter(r =>
          r.path.includes(`/tasks/${id}/eventstream`),
        );
        expect(streams.length).toBeGreaterThan(0);
        expect(streams.filter(r => r.upstream === worker)).toEqual([]);
        // eslint-disable-next-line no-console
        console.log(
          `run on replica ${worker}, task page streamed from replica(s) ${[
            ...new Set(streams.map(s => s.upstream)),
          ].join(', ')}; ${snapshots} page snapshots showed ${[
            ...completedCounts,
          ]
            .sort((x, y) => x - y)
            .join(', ')} completed steps`,
        );
      } finally {
        unroute();
      }
    });

    it('completes a run whose replica is killed between rendering and publishing, creating everything once', async () => {
      const name = `failover-${randomBytes(3).toString('hex')}`;
      const reposBefore = await github.repoNames(ORG);
      // github:repo:create's first request (which owner type?) waits here, so
      // the kill lands after fetch:template completed and before the
      // repository exists; the check step's request before it passes.
      let ownerLookups = 0;
      let release!: () => void;
      const released = new Promise<void>(r => {
        release = r;
      });
      const unhold = portal.githubApi.delay(
        (m, p) => m === 'GET' && p.startsWith(`/api/v3/users/${ORG}`),
        async () => {
          ownerLookups += 1;
          if (ownerLookups >= 2) await released;
        },
      );
      const id = await startFastApiRun(user, githubHost(), name);
      const worker = await workerOf(name);
      await eventually(
        'github:repo:create waiting on GitHub',
        async () => (ownerLookups >= 2 ? true : undefined),
        60_000,
        100,
      );
      expect(completedSteps(await taskEvents(user, id))).toContain('fetch');
      expect((await github.api('GET', `/repos/${ORG}/${name}`)).status).toBe(
        404,
      );

      const killed = await portal.replicas[worker].stop('SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
      unhold();
      release();

      const status = await eventually(
        `task ${name} to end`,
        async () => {
          const s = await taskStatus(user, id);
          return ['completed', 'failed', 'cancelled'].includes(s)
            ? s
            : undefined;
        },
        240_000,
        2000,
      );
      const events = await taskEvents(user, id);
      const messages = events.map(e => e.body.message ?? '');
      const finisher = portal.replicas.findIndex(
        (r, i) =>
          i !== worker &&
          r.logs().some(l => l.includes(`Argo CD Application "${name}"`)),
      );
      // eslint-disable-next-line no-console
      console.log(
        `killed replica ${worker} while github:repo:create waited; run ${status} on replica ${finisher}:\n${messages
          .slice(-8)
          .join('\n')}`,
      );
      expect(status).toBe('completed');
      expect(finisher).toBeGreaterThanOrEqual(0);
      expect(messages).toContain(
        'Skipping step fetch because it was already completed in a previous run',
      );

      // Exactly one repository, with the rendered skeleton from the saved
      // workspace; one catalog entity; one Argo CD Application.
      expect(
        (await github.repoNames(ORG)).filter(r => !reposBefore.includes(r)),
      ).toEqual([name]);
      const tree = await github.api(
        'GET',
        `/repos/${ORG}/${name}/git/trees/main?recursive=1`,
      );
      const files = (tree.body.tree as Array<{ path: string }>).map(
        t => t.path,
      );
      expect(files).toEqual(
        expect.arrayContaining([
          'catalog-info.yaml',
          'mkdocs.yml',
          'deploy/overlays/eks/kustomization.yaml',
        ]),
      );
      await eventually(
        `component ${name}`,
        async () =>
          (await entity(`component/default/${name}`)) ? true : undefined,
        60_000,
      );
      const components = await portal.api(
        `/api/catalog/entities/by-query?filter=kind%3Dcomponent,metadata.name%3D${name}`,
      );
      expect(components.body.totalItems).toBe(1);
      const apps = await fetch(`${portal.argocdUrl}/api/v1/applications`, {
        headers: { authorization: 'Bearer sandbox-argocd-token' },
      }).then(r => r.json());
      expect(
        (apps.items ?? []).filter((a: any) => a.metadata.name === name),
      ).toHaveLength(1);

      // The replicas that stayed up logged no error while taking the run
      // over (a killed replica coming back is the read load test's case).
      expect(
        portal.replicas
          .filter((_, i) => i !== worker)
          .flatMap(r => r.errorLines()),
      ).toEqual([]);
    });
  });

  it('never held more database connections than the README sizes PostgreSQL for', async () => {
    // Per replica: each plugin's pool at most its `pool.max` from
    // app-config.production.yaml, plus the event bus's LISTEN connection
    // and a migration-time admin connection (README, "Several replicas").
    const { knexConfig, plugin } = productionDatabaseSettings() as {
      knexConfig: { pool: { max: number } };
      plugin: Record<string, { knexConfig?: { pool?: { max?: number } } }>;
    };
    const databases = await portal.connections.databases();
    const perReplica =
      databases
        .map(db => db.slice(portal.databasePrefix.length))
        .reduce(
          (sum, id) =>
            sum + (plugin[id]?.knexConfig?.pool?.max ?? knexConfig.pool.max),
          0,
        ) + 2;
    const peak = portal.connections.peak();
    // eslint-disable-next-line no-console
    console.log(
      `database connections: peak ${peak.total} for 3 replicas (${
        databases.length
      } plugin databases, at most ${perReplica} per replica); at the peak: ${JSON.stringify(
        peak.byDatabase,
      )}`,
    );
    expect(databases.length).toBeGreaterThan(10);
    expect(peak.total).toBeGreaterThan(0);
    expect(peak.total).toBeLessThanOrEqual(3 * perReplica);
  });
});
