/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { http, HttpResponse } from 'msw';
import sodium from 'libsodium-wrappers';

/**
 * msw handlers for GitHub's Actions variables and secrets endpoints on one
 * repository, holding what was set; secrets are opened with the key pair's
 * private half, as GitHub would.
 */
export async function fakeGithubActions(
  api = 'https://api.github.com',
  repo = 'acme/orders-api',
) {
  await sodium.ready;
  const keyPair = sodium.crypto_box_keypair();
  const variables = new Map<string, string>();
  const secrets = new Map<string, { encrypted: string; keyId: string }>();
  const requests: string[] = [];
  const base = `${api}/repos/${repo}/actions`;
  const handlers = [
    http.all(`${base}/*`, ({ request }) => {
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      return undefined;
    }),
    http.post(`${base}/variables`, async ({ request }) => {
      const body = (await request.json()) as { name: string; value: string };
      if (variables.has(body.name)) {
        return HttpResponse.json(
          { message: 'Already exists' },
          { status: 409 },
        );
      }
      variables.set(body.name, body.value);
      return HttpResponse.json({}, { status: 201 });
    }),
    http.patch(`${base}/variables/:name`, async ({ request, params }) => {
      const body = (await request.json()) as { value: string };
      variables.set(String(params.name), body.value);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${base}/secrets/public-key`, () =>
      HttpResponse.json({
        key_id: '3380204578043523366',
        key: sodium.to_base64(
          keyPair.publicKey,
          sodium.base64_variants.ORIGINAL,
        ),
      }),
    ),
    http.put(`${base}/secrets/:name`, async ({ request, params }) => {
      const body = (await request.json()) as {
        encrypted_value: string;
        key_id: string;
      };
      const existed = secrets.has(String(params.name));
      secrets.set(String(params.name), {
        encrypted: body.encrypted_value,
        keyId: body.key_id,
      });
      return existed
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json({}, { status: 201 });
    }),
  ];
  const open = (name: string) => {
    const secret = secrets.get(name);
    if (!secret) return undefined;
    return sodium.to_string(
      sodium.crypto_box_seal_open(
        sodium.from_base64(secret.encrypted, sodium.base64_variants.ORIGINAL),
        keyPair.publicKey,
        keyPair.privateKey,
      ),
    );
  };
  return { handlers, variables, secrets, open, requests };
}
