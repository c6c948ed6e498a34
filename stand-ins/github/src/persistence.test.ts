/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import { join } from 'node:path';
import {
  authorizeAs,
  exchangeCode,
  startTestStandIn,
  tempDir,
} from './testing';

// Real HTTP and git processes; leave room on a loaded 2-core CI box.
jest.setTimeout(30_000);

describe('persistence across restarts', () => {
  const dataDir = tempDir('gh-standin-persist-');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps repositories, pushed content, statuses and OAuth tokens; seeds fixture repos once', async () => {
    const first = await startTestStandIn({ dataDir });
    const fixtureSha = (
      await (
        await first.call(
          '/api/v3/repos/launchpad-demo/payments-api/commits/main/status',
        )
      ).json()
    ).sha;
    const created = await first.call('/api/v3/orgs/launchpad-demo/repos', {
      method: 'POST',
      body: JSON.stringify({
        name: 'kept-repo',
        auto_init: true,
        description: 'survives restarts',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const sha = (
      await (
        await first.call(
          '/api/v3/repos/launchpad-demo/kept-repo/commits/main/status',
        )
      ).json()
    ).sha;
    await first.call(`/api/v3/repos/launchpad-demo/kept-repo/statuses/${sha}`, {
      method: 'POST',
      body: JSON.stringify({ state: 'failure', context: 'ci/test' }),
    });
    const code = (await authorizeAs(first.url, 'sora-choi')).searchParams.get(
      'code',
    )!;
    const { access_token: token } = await exchangeCode(first.url, code);
    await first.stop();

    // the state file never holds the token itself
    expect(fs.readFileSync(join(dataDir, 'state.json'), 'utf8')).not.toContain(
      token,
    );

    const second = await startTestStandIn({ dataDir });
    try {
      const repo = await second.call('/api/v3/repos/launchpad-demo/kept-repo');
      expect(repo.status).toBe(200);
      expect(await repo.json()).toMatchObject({
        id,
        description: 'survives restarts',
      });
      const readme = await second.call(
        '/api/v3/repos/launchpad-demo/kept-repo/contents/README.md',
        {
          headers: { accept: 'application/vnd.github.raw' },
        },
      );
      expect(await readme.text()).toContain('# kept-repo');
      const status = await (
        await second.call(
          '/api/v3/repos/launchpad-demo/kept-repo/commits/main/status',
        )
      ).json();
      expect(status).toMatchObject({ sha, state: 'failure', total_count: 1 });
      const again = await (
        await second.call(
          '/api/v3/repos/launchpad-demo/payments-api/commits/main/status',
        )
      ).json();
      expect(again.sha).toBe(fixtureSha);
      const me = await second.call('/api/v3/user', { token });
      expect((await me.json()).login).toBe('sora-choi');
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('fails to start with a clear message when the fixture is invalid', async () => {
    const dir = tempDir('gh-standin-badfixture-');
    const file = join(dir, 'org.yaml');
    fs.writeFileSync(
      file,
      'organization: { login: acme, id: 1 }\nintegrationUser: ghost\nusers:\n  - { login: alice, id: 2, email: a@x.example, orgRole: member }\n',
    );
    await expect(
      startTestStandIn({ fixture: file, dataDir: dir }),
    ).rejects.toThrow(
      /integrationUser 'ghost' must be a user with orgRole admin/,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
