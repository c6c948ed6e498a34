/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Browser } from 'playwright-core';
import { SandboxPortal, startSandboxPortal } from '../support/sandboxPortal';
import {
  eventually,
  launchBrowser,
  screenshotter,
  signInWithGitHub,
} from '@internal/test-support';

// GitHub sign-in, org ingestion and discovery, through the real portal
// against the GitHub stand-in (fixture: stand-ins/github/fixtures/org.yaml).
jest.setTimeout(240_000);

type Entity = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: any;
  relations?: Array<{ type: string; targetRef: string }>;
};

describe('GitHub against the GitHub stand-in', () => {
  let portal: SandboxPortal;
  let browser: Browser;
  const shoot = screenshotter('github-sign-in');

  beforeAll(async () => {
    portal = await startSandboxPortal();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const entity = async (ref: string) => {
    const { status, body } = await portal.api<Entity>(
      `/api/catalog/entities/by-name/${ref}`,
    );
    return status === 200 ? body : undefined;
  };

  it('ingests the organization: Users with github.com/user-id, Groups with their members', async () => {
    const minji = await eventually('user minji-park', () =>
      entity('user/default/minji-park'),
    );
    // GitHub's legacy node_id for user id 1001
    expect(minji.metadata.annotations?.['github.com/user-id']).toBe(
      Buffer.from('04:User1001').toString('base64'),
    );
    expect(minji.spec.profile).toMatchObject({ displayName: 'Minji Park' });
    expect(minji.spec.profile.picture).toContain(
      portal.githubUrl.replace('127.0.0.1', 'localhost'),
    );

    const platform = await eventually('group platform', () =>
      entity('group/default/platform'),
    );
    const members = platform
      .relations!.filter(r => r.type === 'hasMember')
      .map(r => r.targetRef)
      .sort();
    expect(members).toEqual([
      'user:default/junho-lee',
      'user:default/minji-park',
    ]);
    // Only members: the outsider has no User.
    expect(await entity('user/default/olivia-outside')).toBeUndefined();
  });

  it("discovers the catalog-info.yaml of the organization's repositories", async () => {
    const { body } = await eventually('discovered locations', async () => {
      const res = await portal.api<Entity[]>(
        '/api/catalog/entities?filter=kind=location',
      );
      const targets = JSON.stringify(res.body);
      return targets.includes('payments-api') &&
        targets.includes('platform-gateway')
        ? res
        : undefined;
    });
    expect(JSON.stringify(body)).toContain('/launchpad-demo/payments-api/');
  });

  it('signs in an organization member, who lands in the portal under their own name', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await signInWithGitHub(page, portal.baseUrl, 'minji-park');
    await page
      .getByText('Getting started')
      .first()
      .waitFor({ timeout: 60_000 });
    await shoot(page, 'member-home');
    await page.goto(`${portal.baseUrl}/settings`);
    await page.getByText('Minji Park').first().waitFor({ timeout: 30_000 });
    await page.getByText('minji.park@launchpad.example').first().waitFor();
    await shoot(page, 'member-profile');
    await page.close();
  });

  it('refuses a GitHub account outside the organization, saying why, with no session', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await signInWithGitHub(page, portal.baseUrl, 'olivia-outside');
    await page
      .getByText(
        /The GitHub account 'olivia-outside' is not a member of the launchpad-demo GitHub organization/,
      )
      .first()
      .waitFor({ timeout: 30_000 });
    await shoot(page, 'outsider-refused');
    // Still on the sign-in page after a reload: no session was created.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page
      .getByRole('button', { name: /sign in/i })
      .first()
      .waitFor({ timeout: 60_000 });
    const refresh = await page.evaluate(async url => {
      const res = await fetch(
        `${url}/api/auth/github/refresh?env=development`,
        {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
          credentials: 'include',
        },
      );
      return res.status;
    }, portal.baseUrl);
    expect(refresh).toBeGreaterThanOrEqual(400);
    await context.close();
  });

  it('keeps existing Users and Groups when an ingestion run fails', async () => {
    await eventually('user minji-park', () =>
      entity('user/default/minji-park'),
    );
    // Every GraphQL call fails from now on.
    const fault = await fetch(`${portal.githubUrl}/_standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        path: '/api/graphql',
        count: 1000,
        kind: 'status',
        status: 502,
      }),
    });
    expect(fault.status).toBeLessThan(300);

    // Run the org ingestion now, through the catalog's scheduler API.
    const { body } = await portal.api<{
      tasks: Array<{ taskId: string; taskState: any }>;
    }>('/api/catalog/.backstage/scheduler/v1/tasks');
    const task = body.tasks.find(t =>
      /GithubMultiOrgEntityProvider|githubOrg|sandbox/i.test(t.taskId),
    );
    expect(task).toBeDefined();
    const trigger = await fetch(
      `${
        portal.baseUrl
      }/api/catalog/.backstage/scheduler/v1/tasks/${encodeURIComponent(
        task!.taskId,
      )}/trigger`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${portal.apiToken}` },
      },
    );
    expect(trigger.status).toBe(200);
    await eventually('the failed ingestion run', async () => {
      const faults = await (
        await fetch(`${portal.githubUrl}/_standin/faults`)
      ).json();
      const hits = JSON.stringify(faults).match(/"hits":\s*(\d+)/);
      if (!hits || Number(hits[1]) === 0) return undefined;
      const state = await portal.api<{
        tasks: Array<{ taskId: string; taskState: any }>;
      }>('/api/catalog/.backstage/scheduler/v1/tasks');
      const current = state.body.tasks.find(t => t.taskId === task!.taskId);
      return current?.taskState?.status === 'running' ? undefined : true;
    });
    await new Promise(r => setTimeout(r, 3000));
    expect(await entity('user/default/minji-park')).toBeDefined();
    expect(await entity('user/default/sora-choi')).toBeDefined();
    expect(await entity('group/default/platform')).toBeDefined();
    await fetch(`${portal.githubUrl}/_standin/faults`, { method: 'DELETE' });
  });
});
