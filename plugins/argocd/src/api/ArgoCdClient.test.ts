/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockApis } from '@backstage/frontend-test-utils';
import { ArgoCdClient } from './ArgoCdClient';
import { syncedStatus } from '../__testUtils__/fixtures';

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('ArgoCdClient', () => {
  const discoveryApi = mockApis.discovery({
    baseUrl: 'http://portal.example.test',
  });

  it('reads the status from the argocd backend plugin', async () => {
    const status = syncedStatus();
    const fetch = jest.fn(async () => jsonResponse(200, status));
    const client = new ArgoCdClient({ discoveryApi, fetchApi: { fetch } });
    const controller = new AbortController();

    await expect(
      client.getEntityStatus(
        { kind: 'Component', namespace: 'team a', name: 'shop-api' },
        { signal: controller.signal },
      ),
    ).resolves.toEqual(status);
    expect(fetch).toHaveBeenCalledWith(
      'http://portal.example.test/api/argocd/entities/team%20a/Component/shop-api/status',
      expect.objectContaining({ signal: controller.signal, cache: 'no-store' }),
    );
  });

  it('rejects with the backend’s error name, status and message', async () => {
    const fetch = jest.fn(async () =>
      jsonResponse(503, {
        error: {
          name: 'ServiceUnavailableError',
          message: 'Argo CD is unavailable: HTTP 502',
        },
        response: { statusCode: 503 },
      }),
    );
    const client = new ArgoCdClient({ discoveryApi, fetchApi: { fetch } });
    const error = await client
      .getEntityStatus({ kind: 'Component', namespace: 'default', name: 'x' })
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(503);
    expect(error.body.error.message).toBe('Argo CD is unavailable: HTTP 502');
    expect(error.cause.name).toBe('ServiceUnavailableError');
  });
});
