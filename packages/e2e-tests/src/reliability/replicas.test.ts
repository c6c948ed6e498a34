/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import yaml from 'js-yaml';
import { Client } from 'pg';
import { createGitHubStandIn } from '@internal/github-stand-in';
import {
  BackendProcess,
  freePort,
  startBackend,
  startPostgres,
  TestPostgres,
} from '@internal/test-support';
import { productionDatabaseSettings } from '../support/productionDatabase';

// Two backend processes on one PostgreSQL, as two pods of the Deployment:
// both ingest a few thousand related entities at the same time without a
// deadlock or an error, and scheduled work runs once per interval across the
// pair, not once per replica.
jest.setTimeout(480_000);

const token = randomBytes(24).toString('hex');
const NS = 'load';
const GROUPS = 30;
const USERS = 600;
const COMPONENTS = 1500;
const APIS = 870;
const TOTAL = GROUPS + USERS + COMPONENTS + APIS; // 3000
const FILES = 6;
const PROVIDER_FREQUENCY_S = 10;

const pad = (n: number) => String(n).padStart(4, '0');
const group = (i: number) => `team-${pad(i % GROUPS)}`;

/** Groups, Users, Components and APIs with ownership, membership, API and dependency relations. */
function generateEntities(): object[] {
  const out: object[] = [];
  const meta = (name: string) => ({ name, namespace: NS });
  for (let i = 0; i < GROUPS; i++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: meta(group(i)),
      spec: {
        type: 'team',
        children: [],
        ...(i > 0 ? { parent: group(0) } : {}),
      },
    });
  }
  for (let i = 0; i < USERS; i++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: meta(`user-${pad(i)}`),
      spec: { memberOf: [group(i)], profile: { displayName: `User ${i}` } },
    });
  }
  for (let i = 0; i < APIS; i++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: meta(`api-${pad(i)}`),
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: `group:${NS}/${group(i)}`,
        definition:
          'openapi: 3.0.0\ninfo: {title: generated, version: 1.0.0}\npaths: {}\n',
      },
    });
  }
  for (let i = 0; i < COMPONENTS; i++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: meta(`svc-${pad(i)}`),
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:${NS}/${group(i)}`,
        providesApis: i < APIS ? [`api:${NS}/api-${pad(i)}`] : [],
        consumesApis: [`api:${NS}/api-${pad((i * 7) % APIS)}`],
        dependsOn: i > 0 ? [`component:${NS}/svc-${pad(i - 1)}`] : [],
      },
    });
  }
  return out;
}

/** Timestamp of a log line in either log format. */
function lineTime(line: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
  if (plain.startsWith('{')) return Date.parse(JSON.parse(plain).timestamp);
  return Date.parse(plain.split(/\s+/)[0]);
}

describe('two replicas on one PostgreSQL', () => {
  let pg: TestPostgres;
  let dataDir: string;
  let github: Awaited<ReturnType<typeof createGitHubStandIn>>;
  const graphqlRequests: number[] = [];
  const replicas: BackendProcess[] = [];
  let prefix: string;
  const readyAfterS: number[] = [];

  const query = async (replica: BackendProcess, filter: string) => {
    const res = await fetch(
      `${
        replica.baseUrl
      }/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(
        filter,
      )}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!res.ok)
      throw new Error(`by-query ${filter}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { totalItems: number }).totalItems;
  };
  const entity = async (replica: BackendProcess, ref: string) => {
    const res = await fetch(
      `${replica.baseUrl}/api/catalog/entities/by-name/${ref}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    return res.ok ? ((await res.json()) as any) : undefined;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-replicas-'));
    const entities = generateEntities();
    const perFile = Math.ceil(entities.length / FILES);
    const locations = [];
    for (let f = 0; f < FILES; f++) {
      const file = path.join(dataDir, `entities-${f}.yaml`);
      fs.writeFileSync(
        file,
        entities
          .slice(f * perFile, (f + 1) * perFile)
          .map(e => yaml.dump(e))
          .join('---\n'),
      );
      locations.push({
        type: 'file',
        target: file,
        rules: [{ allow: ['Group', 'User', 'Component', 'API'] }],
      });
    }

    // A scheduled task with an outside effect: the GitHub organization
    // provider reads the (stand-in) organization every 10 s.
    const githubPort = await freePort();
    github = await createGitHubStandIn({
      port: githubPort,
      dataDir: path.join(dataDir, 'github'),
      integrationToken: 'replicas-github-token',
      log: line => {
        if (/\/api\/graphql/.test(line)) graphqlRequests.push(Date.now());
      },
    });

    pg = await startPostgres();
    prefix = `rep_${randomBytes(4).toString('hex')}_`;
    const env = {
      PORTAL_API_TOKEN: token,
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
      // Each replica's own scratch space, as each pod has its own.
      APP_CONFIG_catalog_locations: JSON.stringify(locations),
      APP_CONFIG_integrations: JSON.stringify({
        github: [
          {
            host: `localhost:${githubPort}`,
            apiBaseUrl: `http://localhost:${githubPort}/api/v3`,
            token: 'replicas-github-token',
          },
        ],
      }),
      APP_CONFIG_catalog_providers: JSON.stringify({
        githubOrg: [
          {
            id: 'replicas',
            githubUrl: `http://localhost:${githubPort}`,
            orgs: ['launchpad-demo'],
            schedule: {
              frequency: { seconds: PROVIDER_FREQUENCY_S },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 2 },
            },
          },
        ],
      }),
    };
    const replicaEnv = (n: number) => ({
      ...env,
      APP_CONFIG_techdocs_publisher_local_publishDirectory: path.join(
        dataDir,
        `techdocs-${n}`,
      ),
      APP_CONFIG_backend_workingDirectory: fs.mkdtempSync(
        path.join(dataDir, `work-${n}-`),
      ),
    });
    // The first replica migrates the empty database; the second starts once
    // the first is ready, as a rolling update or a scale-out starts pods.
    // (Replicas started at the same instant take turns on a start-up lock;
    // src/scale/threeReplicas.test.ts starts three together.)
    const t0 = Date.now();
    for (const n of [0, 1]) {
      const replica = await startBackend({
        env: replicaEnv(n),
        waitForReady: false,
      });
      replicas.push(replica);
      try {
        await replica.waitForReady(150_000);
      } catch (e) {
        const interesting = replica
          .logs()
          .filter(l => !/incomingRequest/.test(l))
          .slice(-40)
          .join('\n');
        throw new Error(`replica ${n} not ready: ${e}\n${interesting}`);
      }
      readyAfterS.push(Math.round((Date.now() - t0) / 1000));
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map(r => r.stop('SIGTERM', 20_000)));
    await github?.stop();
    await pg?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('both become ready on the same database', async () => {
    // eslint-disable-next-line no-console
    console.log(`replicas ready after ${readyAfterS.join(' s and ')} s`);
    expect(replicas).toHaveLength(2);
    for (const r of replicas) {
      expect(
        (await fetch(`${r.baseUrl}/.backstage/health/v1/readiness`)).status,
      ).toBe(200);
    }
  });

  it(`ingests and stitches ${TOTAL} related entities, seen alike by both replicas`, async () => {
    const t0 = Date.now();
    const deadline = t0 + 180_000;
    let counts: number[] = [];
    for (;;) {
      counts = await Promise.all(
        replicas.map(r => query(r, `metadata.namespace=${NS}`)),
      );
      if (counts.every(c => c === TOTAL)) break;
      if (Date.now() > deadline)
        throw new Error(`only ${counts.join(' / ')} of ${TOTAL} entities`);
      await new Promise(r => setTimeout(r, 2000));
    }

    // Stitched: relations that only appear on an entity once the entities on
    // the other end were processed (ownerOf, hasMember, apiProvidedBy,
    // dependencyOf) are on the final entities, for every Group.
    const expectOwned = (g: number) => {
      const n = (count: number) =>
        Array.from({ length: count }, (_, i) => i).filter(i => i % GROUPS === g)
          .length;
      return n(COMPONENTS) + n(APIS);
    };
    const stitched = async () => {
      for (let g = 0; g < GROUPS; g++) {
        const r = replicas[g % 2];
        const ownedBy = await query(
          r,
          `metadata.namespace=${NS},relations.ownedBy=group:${NS}/${group(g)}`,
        );
        const e = await entity(r, `group/${NS}/${group(g)}`);
        const ownerOf = (e?.relations ?? []).filter(
          (x: any) => x.type === 'ownerOf',
        ).length;
        const hasMember = (e?.relations ?? []).filter(
          (x: any) => x.type === 'hasMember',
        ).length;
        const members = Array.from({ length: USERS }, (_, i) => i).filter(
          i => i % GROUPS === g,
        ).length;
        if (
          ownedBy !== expectOwned(g) ||
          ownerOf !== expectOwned(g) ||
          hasMember !== members
        ) {
          return `${group(
            g,
          )}: ownedBy ${ownedBy}, ownerOf ${ownerOf}, hasMember ${hasMember}; wanted ${expectOwned(
            g,
          )}, ${expectOwned(g)}, ${members}`;
        }
      }
      const last = await entity(
        replicas[1],
        `component/${NS}/svc-${pad(COMPONENTS - 2)}`,
      );
      if (
        !(last?.relations ?? []).some((x: any) => x.type === 'dependencyOf')
      ) {
        return 'dependencyOf missing on the last components';
      }
      return undefined;
    };
    let problem = await stitched();
    while (problem && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 3000));
      problem = await stitched();
    }
    expect(problem).toBeUndefined();
    // eslint-disable-next-line no-console
    console.log(
      `${TOTAL} entities ingested and stitched in ${Math.round(
        (Date.now() - t0) / 1000,
      )} s after both were ready`,
    );
  });

  it('runs the scheduled GitHub organization read once per interval across both replicas', async () => {
    // Each run, on whichever replica: from "Reading" to "Committed".
    const collectRuns = () =>
      replicas
        .flatMap((r, n) => {
          const logs = r.logs();
          return logs.flatMap((l, i) => {
            if (!/Reading GitHub users and groups/.test(l)) return [];
            // Its "Committed" line, before this replica's next read began
            // (a run whose task lock lapsed under load may never commit).
            const rest = logs.slice(i + 1);
            const next = rest.findIndex(m =>
              /Reading GitHub users and groups/.test(m),
            );
            const done = (next < 0 ? rest : rest.slice(0, next)).find(m =>
              /Committed .* in [\d.]+ seconds/.test(m),
            );
            return [
              {
                replica: n,
                start: lineTime(l),
                end: done ? lineTime(done) : undefined,
              },
            ];
          });
        })
        .sort((a, b) => a.start - b.start);
    // Let a few more intervals pass: at least five reads (on a loaded
    // machine the scheduler runs them later than every 10 s), at most 3 min.
    const deadline = Date.now() + 180_000;
    while (collectRuns().length < 5 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 2000));
    }
    const runs = collectRuns();
    const span = runs[runs.length - 1].start - runs[0].start;
    // eslint-disable-next-line no-console
    console.log(
      `organization reads: ${runs
        .map(
          r =>
            `replica ${r.replica} at +${(
              (r.start - runs[0].start) /
              1000
            ).toFixed(1)} s${r.end === undefined ? ' (no commit)' : ''}`,
        )
        .join(', ')}`,
    );
    // Both replicas had the task scheduled: either could have run it.
    for (const r of replicas) {
      expect(
        r.logs().some(l => /Registered scheduled task: \S*replicas/i.test(l)),
      ).toBe(true);
    }
    expect(runs.length).toBeGreaterThanOrEqual(4);
    // One run at a time across the pair: a run starts only after the previous
    // one committed (each replica on its own schedule would overlap sooner or
    // later, and run about twice as often).
    const committed = runs.filter(r => r.end !== undefined);
    expect(committed.length).toBeGreaterThanOrEqual(3);
    const overlapping = runs.filter(
      (run, i) =>
        i > 0 && runs[i - 1].end !== undefined && run.start < runs[i - 1].end!,
    );
    expect(overlapping).toEqual([]);
    // One run per interval. The next run is due an interval after the
    // previous one was due, not after it started: on a loaded machine a late
    // run is followed by a prompt one, so allow one extra run.
    expect(runs.length).toBeLessThanOrEqual(
      Math.floor(span / (PROVIDER_FREQUENCY_S * 1000)) + 2,
    );
    // Each run reached the GitHub stand-in's GraphQL API: requests arrive
    // between its start and the next run's (the request log is the test's
    // clock, the runs' times are the replicas' log timestamps).
    const withoutTraffic = runs
      .slice(0, -1)
      .filter(
        (run, i) =>
          !graphqlRequests.some(
            t => t >= run.start - 2000 && t < runs[i + 1].start,
          ),
      );
    expect(withoutTraffic).toEqual([]);
  });

  it('logged no deadlock and no error-level line in either replica', () => {
    for (const r of replicas) {
      expect(r.logs().filter(l => /deadlock/i.test(l))).toEqual([]);
      expect(r.errorLines()).toEqual([]);
    }
  });

  it('had no deadlock inside PostgreSQL either', async () => {
    // The catalog retries a transaction that PostgreSQL aborted as a
    // deadlock without logging it, so the logs alone cannot tell; the
    // server's own counter can.
    const client = new Client({ connectionString: pg.connectionString });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT datname, deadlocks FROM pg_stat_database WHERE datname LIKE $1 ORDER BY datname',
        [`${prefix}%`],
      );
      const deadlocks = rows.map(r => `${r.datname}: ${r.deadlocks}`);
      // eslint-disable-next-line no-console
      console.log(`PostgreSQL deadlocks per database: ${deadlocks.join(', ')}`);
      expect(rows.length).toBeGreaterThan(3);
      expect(
        rows.filter(r => Number(r.deadlocks) > 0).map(r => r.datname),
      ).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
