/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHmac } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { RequestDetails } from '@backstage/plugin-events-node';
import { createSignatureValidator, webhookSecrets } from './signatureValidator';

const body = JSON.stringify({ ref: 'refs/heads/main' });
const sign = (secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const request = (headers: RequestDetails['headers']): RequestDetails => ({
  body: JSON.parse(body),
  headers,
  raw: { body: Buffer.from(body), encoding: 'utf-8' },
});

async function validate(secrets: string[], headers: RequestDetails['headers']) {
  const reject = jest.fn();
  await createSignatureValidator(secrets)(request(headers), { reject });
  return reject.mock.calls[0]?.[0];
}

describe('createSignatureValidator', () => {
  it('accepts a delivery signed with one of the secrets', async () => {
    expect(
      await validate(['org', 'app'], { 'x-hub-signature-256': sign('app') }),
    ).toBeUndefined();
  });

  it('refuses a missing signature with 401, naming the header', async () => {
    expect(await validate(['org'], {})).toEqual({
      status: 401,
      payload: { message: 'missing X-Hub-Signature-256 header' },
    });
  });

  it('refuses a wrong or malformed signature with 401', async () => {
    for (const signature of [sign('not-the-secret'), 'sha256=zz', 'sha1=abc']) {
      expect(
        await validate(['org'], { 'x-hub-signature-256': signature }),
      ).toEqual({ status: 401, payload: { message: 'invalid signature' } });
    }
  });

  it('refuses to exist without a secret', () => {
    expect(() => createSignatureValidator([])).toThrow(/at least one secret/);
  });
});

describe('webhookSecrets', () => {
  it("reads the organization webhook's and each GitHub App's secret", () => {
    const config = new ConfigReader({
      events: { modules: { github: { webhookSecret: 'org' } } },
      integrations: {
        github: [
          {
            host: 'github.com',
            apps: [
              {
                appId: 1,
                clientId: 'c',
                clientSecret: 's',
                privateKey: 'k',
                webhookSecret: 'app',
              },
            ],
          },
        ],
      },
    });
    expect(webhookSecrets(config)).toEqual(['org', 'app']);
    expect(webhookSecrets(new ConfigReader({}))).toEqual([]);
  });
});
