/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers';
import { expectSchema } from '../rest/__testUtils__/openapi';
import { startTestStandIn, tempDir, TestStandIn } from '../testing';
import { openStoredSecret } from './settingsStore';

const REPO = '/api/v3/repos/launchpad-demo/orders-api';
const DOC = '/repos/{owner}/{repo}/actions';

async function seal(value: string, key: string) {
  await sodium.ready;
  const B64 = sodium.base64_variants.ORIGINAL;
  return sodium.to_base64(
    sodium.crypto_box_seal(
      sodium.from_string(value),
      sodium.from_base64(key, B64),
    ),
    B64,
  );
}

describe('GitHub Actions variables and secrets', () => {
  let gh: TestStandIn;
  let dataDir: string;
  let repoId: number;

  const json = (method: string, body: unknown) => ({
    method,
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    dataDir = tempDir();
    gh = await startTestStandIn({ dataDir });
    const created = await gh.call(
      '/api/v3/orgs/launchpad-demo/repos',
      json('POST', { name: 'orders-api', visibility: 'private' }),
    );
    repoId = (await created.json()).id;
  });

  afterAll(async () => {
    await gh.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates, conflicts on, updates, reads and lists repository variables', async () => {
    const created = await gh.call(
      `${REPO}/actions/variables`,
      json('POST', { name: 'GITOPS_APP_ID', value: '12345' }),
    );
    expect(created.status).toBe(201);
    const again = await gh.call(
      `${REPO}/actions/variables`,
      json('POST', { name: 'GITOPS_APP_ID', value: '1' }),
    );
    expect(again.status).toBe(409);
    expect(
      (
        await gh.call(
          `${REPO}/actions/variables/GITOPS_APP_ID`,
          json('PATCH', { name: 'GITOPS_APP_ID', value: '67890' }),
        )
      ).status,
    ).toBe(204);
    const one = await expectSchema(
      await gh.call(`${REPO}/actions/variables/GITOPS_APP_ID`),
      `${DOC}/variables/{name}`,
      'get',
      200,
    );
    expect(one).toMatchObject({ name: 'GITOPS_APP_ID', value: '67890' });
    const list = await expectSchema(
      await gh.call(`${REPO}/actions/variables`),
      `${DOC}/variables`,
      'get',
      200,
    );
    expect(list.variables.map((v: any) => [v.name, v.value])).toEqual([
      ['GITOPS_APP_ID', '67890'],
    ]);
  });

  it('refuses names GitHub refuses, and callers without admin access', async () => {
    const bad = await gh.call(
      `${REPO}/actions/variables`,
      json('POST', { name: 'GITHUB_TOKEN', value: 'x' }),
    );
    expect(bad.status).toBe(422);
    const anonymous = await fetch(`${gh.url}${REPO}/actions/variables`);
    expect(anonymous.status).toBe(401);
    expect(
      (
        await gh.call(
          `${REPO}/actions/variables/MISSING`,
          json('PATCH', { value: 'x' }),
        )
      ).status,
    ).toBe(404);
  });

  it('takes secrets sealed with the repository key and never answers their value', async () => {
    const key = await expectSchema(
      await gh.call(`${REPO}/actions/secrets/public-key`),
      `${DOC}/secrets/public-key`,
      'get',
      200,
    );
    const put = await gh.call(
      `${REPO}/actions/secrets/GITOPS_APP_PRIVATE_KEY`,
      json('PUT', {
        encrypted_value: await seal('canary-4b1d', key.key),
        key_id: key.key_id,
      }),
    );
    expect(put.status).toBe(201);
    const updated = await gh.call(
      `${REPO}/actions/secrets/GITOPS_APP_PRIVATE_KEY`,
      json('PUT', {
        encrypted_value: await seal('canary-4b1d-2', key.key),
        key_id: key.key_id,
      }),
    );
    expect(updated.status).toBe(204);

    const list = await expectSchema(
      await gh.call(`${REPO}/actions/secrets`),
      `${DOC}/secrets`,
      'get',
      200,
    );
    expect(list.secrets.map((s: any) => s.name)).toEqual([
      'GITOPS_APP_PRIVATE_KEY',
    ]);
    const one = await gh.call(`${REPO}/actions/secrets/GITOPS_APP_PRIVATE_KEY`);
    expect(JSON.stringify(await one.json())).not.toContain('canary');

    // The data file holds only the sealed value; it opens with the key pair.
    const file = join(dataDir, 'actions-settings.json');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('canary');
    await expect(
      openStoredSecret(file, repoId, 'GITOPS_APP_PRIVATE_KEY'),
    ).resolves.toBe('canary-4b1d-2');
  });

  it('refuses a value not sealed with the repository key', async () => {
    await sodium.ready;
    const other = sodium.crypto_box_keypair();
    const key = await (
      await gh.call(`${REPO}/actions/secrets/public-key`)
    ).json();
    const wrongKey = await gh.call(
      `${REPO}/actions/secrets/OTHER`,
      json('PUT', {
        encrypted_value: await seal(
          'x',
          sodium.to_base64(other.publicKey, sodium.base64_variants.ORIGINAL),
        ),
        key_id: key.key_id,
      }),
    );
    expect(wrongKey.status).toBe(422);
    const plain = await gh.call(
      `${REPO}/actions/secrets/OTHER`,
      json('PUT', { encrypted_value: 'not sealed', key_id: key.key_id }),
    );
    expect(plain.status).toBe(422);
    expect((await gh.call(`${REPO}/actions/secrets/OTHER`)).status).toBe(404);
  });
});
