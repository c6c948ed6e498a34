/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockApis } from '@backstage/frontend-test-utils';
import { runs } from '../__testUtils__/fixtures';
import { GithubActionsClient } from './GithubActionsClient';

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('GithubActionsClient', () => {
  const discoveryApi = mockApis.discovery({
    baseUrl: 'http://portal.example.test',
  });

  it('reads the runs from the github-actions backend plugin', async () => {
    const body = runs();
    const fetch = jest.fn(async () => jsonResponse(200, body));
    const client = new GithubActionsClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    await expect(
      client.getRuns(
        { kind: 'Component', namespace: 'team a', name: 'orders-demo' },
        { limit: 5 },
      ),
    ).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith(
      'http://portal.example.test/api/github-actions/entities/team%20a/Component/orders-demo/runs?limit=5',
      expect.objectContaining({ cache: 'no-store' }),
    );
  });

  it('rejects with the backend’s error status and message', async () => {
    const fetch = jest.fn(async () =>
      jsonResponse(403, {
        error: {
          name: 'NotAllowedError',
          message: 'You are not allowed to read x',
        },
        response: { statusCode: 403 },
      }),
    );
    const client = new GithubActionsClient({
      discoveryApi,
      fetchApi: { fetch },
    });
    const error = await client
      .getRuns({ kind: 'Component', namespace: 'default', name: 'x' })
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('You are not allowed to read x');
  });
});
