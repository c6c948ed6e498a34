/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import sodium from 'libsodium-wrappers';

/**
 * The GitHub REST calls that set Actions repository variables and secrets
 * (docs.github.com/rest/actions/variables, /rest/actions/secrets). Error
 * messages name the variable or secret, never a value.
 */
export class GithubActionsApi {
  constructor(
    private readonly options: {
      apiBaseUrl: string;
      headers: Record<string, string>;
      owner: string;
      repo: string;
      signal?: AbortSignal;
    },
  ) {}

  private async call(method: string, path: string, body?: unknown) {
    const { apiBaseUrl, owner, repo } = this.options;
    const url = `${apiBaseUrl}/repos/${encodeURIComponent(
      owner,
    )}/${encodeURIComponent(repo)}/actions${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          ...this.options.headers,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: this.options.signal,
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `GitHub did not answer ${method} ${url}: ${(error as Error).message}`,
      );
    }
    return res;
  }

  private async refuse(res: Response, what: string): Promise<never> {
    const message = await res
      .json()
      .then(b => b?.message)
      .catch(() => undefined);
    const detail = `${what} on ${this.options.owner}/${
      this.options.repo
    }: GitHub answered ${res.status}${message ? ` (${message})` : ''}`;
    if (res.status === 401) {
      throw new AuthenticationError(
        `${detail}. Check the integration's token or GitHub App.`,
      );
    }
    if (res.status === 403 || res.status === 404) {
      throw new NotAllowedError(
        `${detail}. The integration needs admin access to the repository (GitHub App: "Variables" and "Secrets" read and write).`,
      );
    }
    throw new ServiceUnavailableError(detail);
  }

  /** Creates the variable, or updates it when it exists. */
  async setVariable(name: string, value: string) {
    const created = await this.call('POST', '/variables', { name, value });
    if (created.status === 201) return 'created' as const;
    if (created.status !== 409) {
      return this.refuse(created, `Creating the variable ${name}`);
    }
    const updated = await this.call(
      'PATCH',
      `/variables/${encodeURIComponent(name)}`,
      { name, value },
    );
    if (updated.status === 204) return 'updated' as const;
    return this.refuse(updated, `Updating the variable ${name}`);
  }

  /** The repository's public key for sealing secrets. */
  async publicKey(): Promise<{ keyId: string; key: Uint8Array }> {
    const res = await this.call('GET', '/secrets/public-key');
    if (res.status !== 200) {
      return this.refuse(res, 'Reading the Actions public key');
    }
    const body = (await res.json()) as { key_id: string; key: string };
    await sodium.ready;
    return {
      keyId: body.key_id,
      key: sodium.from_base64(body.key, sodium.base64_variants.ORIGINAL),
    };
  }

  /**
   * Seals the value with the repository's public key (libsodium sealed box,
   * as GitHub documents) and creates or updates the secret.
   */
  async setSecret(
    name: string,
    value: string,
    publicKey: { keyId: string; key: Uint8Array },
  ) {
    await sodium.ready;
    const sealed = sodium.crypto_box_seal(
      sodium.from_string(value),
      publicKey.key,
    );
    const res = await this.call('PUT', `/secrets/${encodeURIComponent(name)}`, {
      encrypted_value: sodium.to_base64(
        sealed,
        sodium.base64_variants.ORIGINAL,
      ),
      key_id: publicKey.keyId,
    });
    if (res.status === 201) return 'created' as const;
    if (res.status === 204) return 'updated' as const;
    return this.refuse(res, `Setting the secret ${name}`);
  }
}
