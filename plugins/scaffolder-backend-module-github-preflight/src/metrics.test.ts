/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { registerHttpClientMetricsCapture } from '@internal/backend-http-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGithubRepoCheckAvailableAction } from './actions/checkRepoAvailable';

const worker = setupServer();
registerMswTestHooks(worker);
const capture = registerHttpClientMetricsCapture();
const API = 'https://api.github.com';

/** GitHub calls recorded so far, as `host status-or-error` → count. */
async function calls(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { meter, attributes: a, count } of await capture.points()) {
    expect(meter).toBe('launchpad-github-preflight');
    expect(a['peer.service']).toBe('github');
    expect(a['http.request.method']).toBe('GET');
    const key = `${a['server.address']} ${
      a['http.response.status_code'] ?? a['error.type']
    }`;
    out[key] = count;
  }
  return out;
}

describe('GitHub call metrics', () => {
  it('counts every attempt by host and status, network errors apart', async () => {
    let ownerCalls = 0;
    worker.use(
      http.get(`${API}/users/acme`, () => {
        ownerCalls++;
        return ownerCalls === 1
          ? HttpResponse.error()
          : HttpResponse.json({ login: 'acme', type: 'Organization' });
      }),
      http.get(`${API}/repos/acme/orders`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    const action = createGithubRepoCheckAvailableAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com', token: 't' }] },
        }),
      ),
      retry: { attempts: 3, initialDelayMs: 1 },
    });
    await action.handler(
      createMockActionContext({
        input: { repoUrl: 'github.com?owner=acme&repo=orders' },
      }),
    );
    expect(await calls()).toEqual({
      'github.com network': 1,
      'github.com 200': 1,
      'github.com 404': 1,
    });
  });
});
