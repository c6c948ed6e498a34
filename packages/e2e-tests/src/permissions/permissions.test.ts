/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  startPostgres,
  TestPostgres,
  eventually,
  SignedInUser,
  signInAsMemberOf,
} from '@internal/test-support';

// Launchpad's permission policy (plugins/permission-backend-module-launchpad-
// policy) through the portal's HTTP API: the sandbox backend as a real process
// on a local PostgreSQL, users signed in through the GitHub stand-in.
//
// The stand-in organization has four members, every one in team platform or
// team payments, which the sandbox's default config lets run templates. To
// have both a template runner who is not a platform member and a member
// outside the runners, this run narrows the groups through config (the same
// settings an operator changes):
//   platform groups:  platform-sre  -> junho-lee
//   template runners: platform      -> minji-park, junho-lee
//   outside:                           sora-choi, daniel-kang (payments)
jest.setTimeout(300_000);

const PLATFORM = 'group:default/platform-sre';
const PREFIX = `perm_${randomBytes(4).toString('hex')}_`;
const RUNNERS = ['group:default/platform'];

describe('permissions through the HTTP API', () => {
  let pg: TestPostgres;
  let portal: SandboxPortal;
  let minji: SignedInUser; // template runner, not platform
  let junho: SignedInUser; // platform
  let sora: SignedInUser; // payments: owns payments entities, runs nothing
  let daniel: SignedInUser; // payments: outside the template runners
  let minjisTask: string;

  beforeAll(async () => {
    pg = await startPostgres();
    portal = await startSandboxPortal({
      env: {
        APP_CONFIG_backend_database_client: 'pg',
        APP_CONFIG_backend_database_connection_host: pg.host,
        APP_CONFIG_backend_database_connection_port: String(pg.port),
        APP_CONFIG_backend_database_connection_user: pg.user,
        APP_CONFIG_backend_database_connection_password: pg.password,
        APP_CONFIG_backend_database_prefix: PREFIX,
        APP_CONFIG_launchpad_access_platformGroups: JSON.stringify([PLATFORM]),
        APP_CONFIG_launchpad_access_templateRunners: JSON.stringify(RUNNERS),
      },
    });
    // Users and teams come from the GitHub stand-in; sign-in needs them in
    // the catalog, with their team memberships.
    const signIn = (login: string, group: string) =>
      signInAsMemberOf(portal.baseUrl, login, group);
    minji = await signIn('minji-park', 'group:default/platform');
    junho = await signIn('junho-lee', 'group:default/platform-sre');
    sora = await signIn('sora-choi', 'group:default/payments');
    daniel = await signIn('daniel-kang', 'group:default/payments');
  });

  afterAll(async () => {
    await portal?.stop();
    await pg?.stop();
  });

  it('runs on PostgreSQL', async () => {
    // The scaffolder's and the catalog's databases live in this run's cluster.
    const client = new Client({ connectionString: pg.connectionString });
    await client.connect();
    try {
      const res = await client.query(
        'SELECT datname FROM pg_database WHERE datname = ANY($1)',
        [[`${PREFIX}scaffolder`, `${PREFIX}catalog`]],
      );
      expect(res.rows.map(r => r.datname).sort()).toEqual([
        `${PREFIX}catalog`,
        `${PREFIX}scaffolder`,
      ]);
    } finally {
      await client.end();
    }
  });

  function createTask(user: SignedInUser, name: string) {
    return user.fetch('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/fastapi-service',
        values: {
          name,
          description: 'Permission test service',
          owner: 'group:default/platform',
          system: 'developer-platform',
          pythonVersion: '3.12',
          repoUrl: `${
            new URL(portal.githubUrl).host
          }?owner=launchpad-demo&repo=${name}`,
          visibility: 'private',
          // One of the platform team's namespaces (launchpad.tenancy).
          namespace: `platform-${name}`,
          imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
          replicas: 1,
          waitForSync: false,
        },
      }),
    });
  }

  it('lets a member outside the template runners not run the template (403)', async () => {
    for (const user of [daniel, sora]) {
      const res = await createTask(
        user,
        `perm-denied-${randomBytes(3).toString('hex')}`,
      );
      expect(res.status).toBe(403);
    }
  });

  it('lets a template runner run the template', async () => {
    const res = await createTask(
      minji,
      `perm-${randomBytes(3).toString('hex')}`,
    );
    expect(res.status).toBe(201);
    minjisTask = (await res.json()).id;
    expect(minjisTask).toEqual(expect.any(String));

    const own = await minji.fetch(`/api/scaffolder/v2/tasks/${minjisTask}`);
    expect(own.status).toBe(200);
    expect((await own.json()).createdBy).toBe('user:default/minji-park');
  });

  it("runs a template runner's task to the end with the runner's own permissions", async () => {
    // publish:github, catalog:register (catalog.location.create as minji) and
    // argocd:app:create run with the initiator's credentials.
    const status = await eventually(
      'the task to finish',
      async () => {
        const res = await minji.fetch(`/api/scaffolder/v2/tasks/${minjisTask}`);
        const task = await res.json();
        return ['completed', 'failed', 'cancelled'].includes(task.status)
          ? task.status
          : undefined;
      },
      180_000,
    );
    if (status !== 'completed') {
      const events = await minji.fetch(
        `/api/scaffolder/v2/tasks/${minjisTask}/events`,
      );
      const log = ((await events.json()) as { body: { message?: string } }[])
        .map(e => e.body.message)
        .filter(Boolean)
        .join('\n');
      throw new Error(`task ended ${status}:\n${log.slice(-3000)}`);
    }
  });

  it("does not show user A's task to user B", async () => {
    const read = await daniel.fetch(`/api/scaffolder/v2/tasks/${minjisTask}`);
    expect(read.status).toBe(403);
    const events = await daniel.fetch(
      `/api/scaffolder/v2/tasks/${minjisTask}/events`,
    );
    expect(events.status).toBe(403);
    const cancel = await daniel.fetch(
      `/api/scaffolder/v2/tasks/${minjisTask}/cancel`,
      {
        method: 'POST',
      },
    );
    expect(cancel.status).toBe(403);

    const othersList = await daniel.fetch('/api/scaffolder/v2/tasks');
    expect(othersList.status).toBe(200);
    const othersIds = (await othersList.json()).tasks.map(
      (t: { id: string }) => t.id,
    );
    expect(othersIds).not.toContain(minjisTask);

    const ownList = await minji.fetch('/api/scaffolder/v2/tasks');
    expect(ownList.status).toBe(200);
    const ownTasks = (await ownList.json()).tasks as {
      id: string;
      createdBy: string;
    }[];
    expect(ownTasks.map(t => t.id)).toContain(minjisTask);
    expect(ownTasks.every(t => t.createdBy === 'user:default/minji-park')).toBe(
      true,
    );
  });

  it('lets the platform group read every task', async () => {
    const read = await junho.fetch(`/api/scaffolder/v2/tasks/${minjisTask}`);
    expect(read.status).toBe(200);
    const list = await junho.fetch('/api/scaffolder/v2/tasks');
    const ids = (await list.json()).tasks.map((t: { id: string }) => t.id);
    expect(ids).toContain(minjisTask);
  });

  async function entityUid(ref: string): Promise<string> {
    const [kind, rest] = ref.split(':');
    return eventually(`${ref} in the catalog`, async () => {
      const res = await daniel.fetch(
        `/api/catalog/entities/by-name/${kind}/${rest}`,
      );
      return res.status === 200 ? (await res.json()).metadata.uid : undefined;
    });
  }

  it('lets every signed-in user read the catalog', async () => {
    const res = await daniel.fetch('/api/catalog/entities/by-query?limit=50');
    expect(res.status).toBe(200);
    const refs = (await res.json()).items.map((e: any) =>
      `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase(),
    );
    expect(refs).toEqual(
      expect.arrayContaining([
        'template:default/fastapi-service',
        'resource:default/payments-db',
      ]),
    );
  });

  it('lets only owners and the platform group unregister an entity', async () => {
    // resource:default/payments-db is owned by group:default/payments.
    const db = await entityUid('resource:default/payments-db');
    const byNonOwner = await minji.fetch(`/api/catalog/entities/by-uid/${db}`, {
      method: 'DELETE',
    });
    expect(byNonOwner.status).toBe(403);
    expect(
      (await daniel.fetch(`/api/catalog/entities/by-uid/${db}`)).status,
    ).toBe(200);

    const byOwner = await sora.fetch(`/api/catalog/entities/by-uid/${db}`, {
      method: 'DELETE',
    });
    expect(byOwner.status).toBe(204);
    expect(
      (await daniel.fetch(`/api/catalog/entities/by-uid/${db}`)).status,
    ).toBe(404);

    // system:default/payments, also owned by payments: the platform group may.
    const system = await entityUid('system:default/payments');
    const byPlatform = await junho.fetch(
      `/api/catalog/entities/by-uid/${system}`,
      {
        method: 'DELETE',
      },
    );
    expect(byPlatform.status).toBe(204);
  });

  it('keeps backend-to-backend and API-token access working, each token in its scope', async () => {
    // PORTAL_API_TOKEN is a service principal: not subject to the user
    // policy, but read-only (accessRestrictions): it reads the catalog the
    // task above registered into, and the scaffolder refuses it.
    const entities = await portal.api<Array<{ metadata: { name: string } }>>(
      '/api/catalog/entities?filter=kind=component',
    );
    expect(entities.status).toBe(200);
    expect(entities.body.length).toBeGreaterThan(0);
    const tasks = await portal.api('/api/scaffolder/v2/tasks');
    expect(tasks.status).toBe(403);
    expect(JSON.stringify(tasks.body)).not.toContain(minjisTask);
  });
});
