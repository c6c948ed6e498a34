/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { openStoredSecret } from '@internal/github-stand-in';
import {
  eventually,
  repoRoot,
  signInViaGitHub,
  SignedInUser,
} from '@internal/test-support';
import { ARGOCD_ADMIN_TOKEN } from 'sandbox';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import { runFastApiTemplate, TemplateRun } from '../support/templateRun';

const exec = promisify(execFile);
const pause = (ms: number) => new Promise(r => setTimeout(r, ms));

// No manual steps after the template: the FastAPI template sets the CI
// variables and the sealed secret its workflows need on the new repository
// (github:actions:configure, from launchpad.repositoryCi in the sandbox
// config), and the secret's value appears nowhere but sealed in GitHub's
// (the stand-in's) keeping: not in the task, its log or output, the backend's
// log, the portal's database, the catalog or the repository's files. The user
// who ran the template gets a notification, only they can read it, and the
// owning team hears once when the service's Application turns Degraded
// (plugins/argocd-backend-module-notifications, driven through the Argo CD
// stand-in).
jest.setTimeout(600_000);

const ORG = 'launchpad-demo';
const STANDIN_TOKEN = 'sandbox-github-token';
const CANARY = `canary-gitops-key-${randomBytes(8).toString('hex')}`;

/** launchpad.repositoryCi of the sandbox config the portal reads. */
const sandboxCi = (
  yaml.load(
    fs.readFileSync(path.join(repoRoot, 'config/github.sandbox.yaml'), 'utf8'),
  ) as any
).launchpad.repositoryCi;

/** Every file under dir. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.join(e.parentPath, e.name));
}

describe('the template leaves no manual CI step and no secret behind', () => {
  let portal: SandboxPortal;
  let minji: SignedInUser;
  let run: TemplateRun;
  const github = (pathname: string) =>
    fetch(`${portal.githubUrl}/api/v3${pathname}`, {
      headers: { authorization: `token ${STANDIN_TOKEN}` },
    });

  beforeAll(async () => {
    portal = await startSandboxPortal({
      syncDelayMs: 1000,
      env: {
        // The Argo CD notifications task passes every 2 s (default 60 s).
        APP_CONFIG_argocd_notifications_intervalSeconds: '2',
        // The sandbox's settings with a canary as the secret (one JSON value:
        // APP_CONFIG_ splits keys on "_", which the secret's name contains).
        APP_CONFIG_launchpad_repositoryCi: JSON.stringify({
          ...sandboxCi,
          secrets: { GITOPS_APP_PRIVATE_KEY: CANARY },
        }),
      },
    });
    minji = await eventually(
      'minji-park signed in as a member of platform',
      async () => {
        const user = await signInViaGitHub(portal.baseUrl, 'minji-park');
        return user.ownershipEntityRefs.includes('group:default/platform')
          ? user
          : undefined;
      },
      120_000,
    );
    run = await runFastApiTemplate({
      baseUrl: portal.baseUrl,
      token: minji.token,
      githubHost: new URL(portal.githubUrl).host,
      owner: 'group:default/platform',
      system: 'developer-platform',
      namePrefix: 'ci-settings',
    });
  });

  afterAll(async () => {
    await portal?.stop();
  });

  it('sets the CI variables from the portal config on the new repository', async () => {
    const res = await github(
      `/repos/${ORG}/${run.name}/actions/variables?per_page=30`,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(
      Object.fromEntries(
        body.variables.map((v: any) => [v.name, v.value] as const),
      ),
    ).toEqual(sandboxCi.variables);
  });

  it('sets the secret sealed with the repository key, and GitHub answers only its name', async () => {
    const res = await github(`/repos/${ORG}/${run.name}/actions/secrets`);
    const body = await res.json();
    expect(body.secrets.map((s: any) => s.name)).toEqual([
      'GITOPS_APP_PRIVATE_KEY',
    ]);
    expect(JSON.stringify(body)).not.toContain(CANARY);
    const repo = await (await github(`/repos/${ORG}/${run.name}`)).json();
    const file = filesUnder(portal.dataDir).find(f =>
      f.endsWith('actions-settings.json'),
    )!;
    await expect(
      openStoredSecret(file, repo.id, 'GITOPS_APP_PRIVATE_KEY'),
    ).resolves.toBe(CANARY);
  });

  it('says what happens next instead of what to set by hand', async () => {
    const task = await (
      await minji.fetch(`/api/scaffolder/v2/tasks/${run.taskId}`)
    ).json();
    const events = await (
      await minji.fetch(`/api/scaffolder/v2/tasks/${run.taskId}/events`)
    ).json();
    const steps = events
      .filter((e: any) => e.body?.stepId === 'ci-settings')
      .map((e: any) => e.body.message)
      .join('\n');
    expect(steps).toContain(
      `Secret GITOPS_APP_PRIVATE_KEY created on ${ORG}/${run.name}`,
    );
    expect(task.status).toBe('completed');
    const completed = events.find((e: any) => e.type === 'completion');
    const text = JSON.stringify(completed.body.output.text);
    expect(text).toContain('nothing to do by hand');
    expect(text).not.toMatch(/Settings → Variables|등록하세요/);
  });

  it('tells the user who ran it, through the notifications backend (the bell)', async () => {
    const res = await minji.fetch('/api/notifications/notifications?limit=20');
    expect(res.status).toBe(200);
    const { notifications } = await res.json();
    const mine = notifications.find((n: any) =>
      String(n.payload?.title).startsWith(`${run.name}: `),
    );
    expect(mine?.payload).toMatchObject({
      title: `${run.name}: 서비스가 준비되었습니다 (service created)`,
      link: `/catalog/default/component/${run.name}`,
      severity: 'normal',
      topic: 'software-template',
    });
    // Nobody else hears about it.
    const other = await signInViaGitHub(portal.baseUrl, 'sora-choi');
    const theirs = await (
      await other.fetch('/api/notifications/notifications?limit=20')
    ).json();
    expect(JSON.stringify(theirs)).not.toContain(run.name);
  });

  // Notifications are per user by design: the notifications backend stores
  // one row per recipient (an entity recipient is resolved to its users when
  // sent) and answers every route with the caller's rows only. So another
  // user can neither read, nor mark, nor send one.
  it("refuses another user's notification on every notifications route", async () => {
    const list = await (
      await minji.fetch('/api/notifications/notifications?limit=20')
    ).json();
    const mine = list.notifications.find((n: any) =>
      String(n.payload?.title).startsWith(`${run.name}: `),
    );
    expect(mine.read).toBeFalsy();
    const sora = await signInViaGitHub(portal.baseUrl, 'sora-choi');

    const byId = await sora.fetch(
      `/api/notifications/notifications/${mine.id}`,
    );
    expect(byId.status).toBe(404);
    expect(JSON.stringify(await byId.json())).not.toContain(run.name);

    const marked = await sora.fetch('/api/notifications/notifications/update', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [mine.id], read: true, saved: true }),
    });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toEqual([]);
    // minji's stays unread and unsaved.
    const still = await (
      await minji.fetch(`/api/notifications/notifications/${mine.id}`)
    ).json();
    expect(still.read).toBeFalsy();
    expect(still.saved).toBeFalsy();

    // Sending is for backend plugins only: a user token is refused (403).
    const sent = await sora.fetch('/api/notifications/notifications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        recipients: { type: 'entity', entityRef: 'user:default/minji-park' },
        payload: { title: 'spoofed' },
      }),
    });
    expect(sent.status).toBe(403);
    // Without a token: nothing.
    const anonymous = await fetch(
      `${portal.baseUrl}/api/notifications/notifications/${mine.id}`,
    );
    expect(anonymous.status).toBe(401);
  });

  it("sets them before the first push: the first commit's workflow runs have them", async () => {
    // The GitHub stand-in fails a run whose workflow reads a variable or
    // secret the repository did not have when the push arrived.
    const runs = await eventually(
      "the first commit's runs, completed",
      async () => {
        const body = await (
          await github(`/repos/${ORG}/${run.name}/actions/runs?per_page=30`)
        ).json();
        const all = body.workflow_runs ?? [];
        return all.length > 0 && all.every((r: any) => r.status === 'completed')
          ? all
          : undefined;
      },
      60_000,
    );
    expect(
      runs.map((r: any) => [r.path, r.display_title, r.conclusion]).sort(),
    ).toEqual([
      [
        '.github/workflows/ci.yaml',
        expect.stringMatching(/^chore: scaffold /),
        'success',
      ],
      [
        '.github/workflows/techdocs.yaml',
        expect.stringMatching(/^chore: scaffold /),
        'success',
      ],
    ]);
  });

  it('shows the secret nowhere else: task, log, backend log, database, catalog, repository', async () => {
    const seen: string[] = [];
    const check = (where: string, text: string) => {
      if (text.includes(CANARY)) seen.push(where);
    };
    check(
      'task',
      await (
        await minji.fetch(`/api/scaffolder/v2/tasks/${run.taskId}`)
      ).text(),
    );
    check(
      'task events',
      await (
        await minji.fetch(`/api/scaffolder/v2/tasks/${run.taskId}/events`)
      ).text(),
    );
    check(
      'catalog',
      await (
        await minji.fetch(
          `/api/catalog/entities/by-query?filter=metadata.name=${run.name}`,
        )
      ).text(),
    );
    check('backend log', portal.backend.logs().join('\n'));
    // The portal's SQLite databases, the stand-ins' data, the work dirs.
    for (const file of filesUnder(portal.dataDir)) {
      check(file, fs.readFileSync(file).toString('latin1'));
    }
    // Every version of every file of the repository.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-settings-clone-'));
    try {
      const remote = new URL(`${portal.githubUrl}/${ORG}/${run.name}.git`);
      remote.username = 'x-access-token';
      remote.password = STANDIN_TOKEN;
      await exec('git', ['clone', '--quiet', remote.toString(), work], {
        env: { PATH: process.env.PATH, HOME: work, GIT_CONFIG_NOSYSTEM: '1' },
      });
      const { stdout } = await exec('git', ['log', '-p', '--all'], {
        cwd: work,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toContain('catalog-info.yaml');
      check('repository history', stdout);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    expect(seen).toEqual([]);
  });

  it("tells the owning team once when the service's Application turns Degraded", async () => {
    const argocd = (method: string, pathname: string, body?: unknown) =>
      fetch(`${portal.argocdUrl}${pathname}`, {
        method,
        headers: {
          authorization: `Bearer ${ARGOCD_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async r => {
        if (r.status !== 200)
          throw new Error(`${method} ${pathname}: ${r.status}`);
        return r.json();
      });
    const titles = async (user: SignedInUser) =>
      (
        await (
          await user.fetch('/api/notifications/notifications?limit=50')
        ).json()
      ).notifications
        .map((n: any) => String(n.payload.title))
        .filter(
          (t: string) => t.startsWith(`${run.name}: `) && /Degraded/.test(t),
        );
    await pause(5000); // the notifier's first passes see it Healthy
    expect(await titles(minji)).toEqual([]);

    // The Argo CD stand-in's outcome label: the next sync ends Degraded.
    const app = await argocd('GET', `/api/v1/applications/${run.name}`);
    await argocd('PUT', `/api/v1/applications/${run.name}`, {
      metadata: {
        name: run.name,
        labels: {
          ...app.metadata.labels,
          'standin.launchpad.dev/outcome': 'degraded',
        },
      },
      spec: app.spec,
    });
    await argocd('POST', `/api/v1/applications/${run.name}/sync`, {});
    await eventually(
      "the team's Degraded notification",
      async () => ((await titles(minji)).length > 0 ? true : undefined),
      60_000,
    );
    await pause(8000); // four more passes of the notifier
    expect(await titles(minji)).toEqual([
      `${run.name}: Degraded 상태입니다 (Degraded)`,
    ]);
    const sora = await signInViaGitHub(portal.baseUrl, 'sora-choi');
    expect(await titles(sora)).toEqual([]);
  });
});
