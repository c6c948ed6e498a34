/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  eventually,
  SignedInUser,
  signInViaGitHub,
} from '@internal/test-support';

// The backend dies (kill -9: no shutdown hooks, no chance to mark anything)
// in the middle of a FastAPI template run, and is started again on the same
// data, as a crashed pod or a stopped-and-restarted sandbox would be. The run
// must end in a state the task page explains, never stay "processing"
// forever, and must not create a second repository or Argo CD Application.
//
// scaffolder.taskRecovery (app-config.yaml) makes the restarted backend take
// over the run once its heartbeat is older than staleTimeout (30 s) and
// resume it after the last completed step.
jest.setTimeout(300_000);

const ORG = 'launchpad-demo';
const ARGOCD_TOKEN = 'sandbox-argocd-token';
// Long enough that the run is still waiting for Argo CD when it is killed,
// short enough that the recovered run sees the sync finish.
const SYNC_DELAY_MS = 40_000;

interface TaskEvent {
  type: string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    error?: { message?: string };
  };
}

/** Steps that finished successfully, in order. */
function completedSteps(log: TaskEvent[]): string[] {
  return log
    .filter(
      e => e.type === 'log' && e.body.status === 'completed' && e.body.stepId,
    )
    .map(e => e.body.stepId!)
    .filter((step, i, all) => all.indexOf(step) === i);
}

describe('a template run interrupted by kill -9', () => {
  let portal: SandboxPortal;
  let user: SignedInUser;

  beforeAll(async () => {
    portal = await startSandboxPortal({ syncDelayMs: SYNC_DELAY_MS });
    await eventually(
      'the organization users in the catalog',
      async () =>
        (
          await portal.api(
            '/api/catalog/entities/by-name/user/default/minji-park',
          )
        ).status === 200
          ? true
          : undefined,
      90_000,
    );
    await eventually(
      'the FastAPI template in the catalog',
      async () =>
        (
          await portal.api(
            '/api/catalog/entities/by-name/template/default/fastapi-service',
          )
        ).status === 200
          ? true
          : undefined,
      90_000,
    );
    user = await signInViaGitHub(portal.baseUrl, 'minji-park');
  });

  afterAll(async () => {
    await portal?.stop();
  });

  async function github(pathname: string) {
    const res = await fetch(`${portal.githubUrl}/api/v3${pathname}`, {
      headers: { authorization: 'token sandbox-github-token' },
    });
    return {
      status: res.status,
      body: res.ok ? await res.json() : await res.text(),
    };
  }

  async function repoNames(): Promise<string[]> {
    const names: string[] = [];
    for (let page = 1; ; page++) {
      const { status, body } = await github(
        `/orgs/${ORG}/repos?per_page=100&page=${page}`,
      );
      if (status !== 200)
        throw new Error(`listing repositories: ${status} ${body}`);
      names.push(...(body as Array<{ name: string }>).map(r => r.name));
      if ((body as unknown[]).length < 100) return names.sort();
    }
  }

  async function applicationNames(): Promise<string[]> {
    const res = await fetch(`${portal.argocdUrl}/api/v1/applications`, {
      headers: { authorization: `Bearer ${ARGOCD_TOKEN}` },
    });
    if (!res.ok) throw new Error(`listing applications: ${res.status}`);
    const body = (await res.json()) as {
      items?: Array<{ metadata: { name: string } }>;
    };
    return (body.items ?? []).map(a => a.metadata.name).sort();
  }

  async function task(id: string) {
    const res = await user.fetch(`/api/scaffolder/v2/tasks/${id}`);
    if (!res.ok)
      throw new Error(`task ${id}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { status: string };
  }

  async function events(id: string): Promise<TaskEvent[]> {
    const res = await user.fetch(`/api/scaffolder/v2/tasks/${id}/events`);
    if (!res.ok) throw new Error(`events of ${id}: ${res.status}`);
    return (await res.json()) as TaskEvent[];
  }

  async function startRun(name: string): Promise<string> {
    const host = new URL(portal.githubUrl).host;
    const res = await user.fetch('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/fastapi-service',
        values: {
          name,
          description: 'Interrupted by kill -9 in a reliability test',
          owner: 'group:default/platform',
          system: 'system:default/developer-platform',
          pythonVersion: '3.12',
          repoUrl: `${host}?owner=${ORG}&repo=${name}`,
          visibility: 'private',
          namespace: `platform-${name}`,
          imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
          replicas: 2,
          ingressScheme: 'internal',
          waitForSync: true,
        },
      }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  /** Kills the backend with SIGKILL and starts it again on the same data. */
  async function killAndRestart() {
    const result = await portal.backend.stop('SIGKILL');
    expect(result.signal).toBe('SIGKILL');
    const t0 = Date.now();
    await portal.restartBackend();
    return Date.now() - t0;
  }

  async function finalState(id: string) {
    return eventually(
      `task ${id} to end`,
      async () => {
        const { status } = await task(id);
        return ['completed', 'failed', 'cancelled'].includes(status)
          ? status
          : undefined;
      },
      180_000,
      2000,
    );
  }

  it('resumes a run killed while it waited for Argo CD, creating nothing twice', async () => {
    const name = 'killed-while-syncing';
    const reposBefore = await repoNames();
    const appsBefore = await applicationNames();
    const id = await startRun(name);

    // Repository created, catalog registered, Application created; the run
    // is now waiting for the sync (which the stand-in holds back).
    await eventually(
      'the repository',
      async () =>
        (await github(`/repos/${ORG}/${name}`)).status === 200
          ? true
          : undefined,
      90_000,
      250,
    );
    await eventually(
      'the Argo CD Application',
      async () =>
        (await applicationNames()).includes(name) ? true : undefined,
      90_000,
      250,
    );
    // The step is marked completed once its outputs (and the run's
    // workspace) are saved, a moment after the Application exists.
    const completedBeforeKill = await eventually(
      'argocd-create completed',
      async () => {
        const steps = completedSteps(await events(id));
        return steps.includes('argocd-create') ? steps : undefined;
      },
      30_000,
      100,
    );
    expect((await task(id)).status).toBe('processing');
    expect(completedBeforeKill).toEqual(
      expect.arrayContaining(['publish', 'register', 'argocd-create']),
    );
    expect(completedBeforeKill).not.toContain('argocd-wait');

    await killAndRestart();

    const status = await finalState(id);
    const log = await events(id);
    const messages = log.map(e => e.body.message ?? '');
    // eslint-disable-next-line no-console
    console.log(`run killed while syncing: ${status}\n${messages.join('\n')}`);
    expect(status).toBe('completed');
    // What happened is in the task's own log, which the task page shows.
    expect(log.some(e => e.type === 'recovered')).toBe(true);
    expect(messages).toContain(
      `Task recovered - resuming from last known good state. ${completedBeforeKill.length} step(s) already completed.`,
    );
    for (const step of completedBeforeKill) {
      expect(messages).toContain(
        `Skipping step ${step} because it was already completed in a previous run`,
      );
    }
    expect(messages.some(m => /is Synced and Healthy/.test(m))).toBe(true);

    // Exactly one new repository and one new Application: this service's.
    expect((await repoNames()).filter(r => !reposBefore.includes(r))).toEqual([
      name,
    ]);
    expect(
      (await applicationNames()).filter(a => !appsBefore.includes(a)),
    ).toEqual([name]);
    // Registered in the catalog (the catalog processes the new location
    // asynchronously).
    await eventually(
      `component ${name} in the catalog`,
      async () =>
        (
          await portal.api(
            `/api/catalog/entities/by-name/component/default/${name}`,
          )
        ).status === 200
          ? true
          : undefined,
      90_000,
    );
    const locations = await portal.api<Array<{ data: { target: string } }>>(
      '/api/catalog/locations',
    );
    expect(
      locations.body.filter(l => l.data.target.includes(`/${name}/`)),
    ).toHaveLength(1);
    expect(portal.backend.errorLines()).toEqual([]);
  });

  it('ends a run killed right after its repository was created in an explained state, with one repository', async () => {
    const name = 'killed-while-publishing';
    const reposBefore = await repoNames();
    const appsBefore = await applicationNames();
    const id = await startRun(name);

    await eventually(
      'the repository',
      async () =>
        (await github(`/repos/${ORG}/${name}`)).status === 200
          ? true
          : undefined,
      90_000,
      100,
    );
    const stepsDone = completedSteps(await events(id));
    await killAndRestart();

    const status = await finalState(id);
    const log = await events(id);
    const messages = log.map(e => e.body.message ?? '');
    const completion = log.find(e => e.type === 'completion');
    const failedStep = log.find(
      e => e.body.status === 'failed' && e.body.stepId,
    );
    // Either the run was resumed to the end, or it failed and says which
    // step failed and why; the task page shows both.
    const explain = () => {
      if (status === 'completed') {
        return messages.find(m => /Task recovered - resuming/.test(m));
      }
      if (
        status === 'failed' &&
        failedStep &&
        completion?.body.error?.message
      ) {
        return `${failedStep.body.stepId}: ${completion.body.error.message}`;
      }
      return undefined;
    };
    const explanation = explain();
    expect(explanation).toEqual(expect.any(String));
    expect(log.some(e => e.type === 'recovered')).toBe(true);

    const newRepos = (await repoNames()).filter(r => !reposBefore.includes(r));
    const newApps = (await applicationNames()).filter(
      a => !appsBefore.includes(a),
    );
    expect(newRepos).toEqual([name]);
    expect(newApps.length).toBeLessThanOrEqual(1);
    expect(newApps.every(a => a === name)).toBe(true);
    // For the report: where the kill landed and how the run ended.
    // eslint-disable-next-line no-console
    console.log(
      `killed after steps [${stepsDone.join(
        ', ',
      )}]; run ${status} (${explanation}); last messages:\n${messages
        .slice(-6)
        .join('\n')}`,
    );
  });
});
