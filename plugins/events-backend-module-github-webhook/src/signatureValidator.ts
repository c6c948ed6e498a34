/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { RequestValidator } from '@backstage/plugin-events-node';
import { verify } from '@octokit/webhooks-methods';

/**
 * The secrets a GitHub webhook delivery may be signed with: the organization
 * webhook's (`events.modules.github.webhookSecret`) and each GitHub App's
 * own (`integrations.github[].apps[].webhookSecret`).
 */
export function webhookSecrets(config: Config): string[] {
  const secrets = new Set<string>();
  const generic = config.getOptionalString(
    'events.modules.github.webhookSecret',
  );
  if (generic) secrets.add(generic);
  for (const integration of ScmIntegrations.fromConfig(config).github.list()) {
    for (const app of integration.config.apps ?? []) {
      if (app.webhookSecret) secrets.add(app.webhookSecret);
    }
  }
  return [...secrets];
}

/**
 * Accepts a delivery only when its `X-Hub-Signature-256` is the HMAC of the
 * raw body with one of the secrets (GitHub's documented check, done by
 * `@octokit/webhooks-methods` in constant time). Anything else is refused
 * with 401, as a request without valid credentials, and reaches no topic.
 */
export function createSignatureValidator(secrets: string[]): RequestValidator {
  if (secrets.length === 0) {
    throw new Error('A GitHub webhook validator needs at least one secret');
  }
  return async (request, context) => {
    const header = request.headers['x-hub-signature-256'];
    const signature = Array.isArray(header) ? undefined : header;
    if (!signature) {
      context.reject({
        status: 401,
        payload: { message: 'missing X-Hub-Signature-256 header' },
      });
      return;
    }
    const body = request.raw.body.toString(request.raw.encoding);
    for (const secret of secrets) {
      if (await verify(secret, body, signature).catch(() => false)) return;
    }
    context.reject({ status: 401, payload: { message: 'invalid signature' } });
  };
}
