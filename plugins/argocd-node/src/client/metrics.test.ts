/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { registerHttpClientMetricsCapture } from '@internal/backend-http-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readArgoCdConfig } from '../config';
import {
  ARGOCD_URL,
  fastRetry,
  storedApplication,
  testConfig,
} from '@internal/plugin-argocd-node-test-utils';
import { ArgoCdClient } from './ArgoCdClient';

const worker = setupServer();
registerMswTestHooks(worker);
const capture = registerHttpClientMetricsCapture();
const instance = readArgoCdConfig(testConfig()).instances[0];

/** Calls recorded so far, as `METHOD status-or-error` → count. */
async function calls(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const point of await capture.points()) {
    const a = point.attributes;
    expect(point.meter).toBe('launchpad-argocd');
    expect(point.unit).toBe('s');
    expect(a['peer.service']).toBe('argocd');
    expect(a['launchpad.argocd.instance']).toBe(instance.name);
    const key = `${a['http.request.method']} ${
      a['http.response.status_code'] ?? a['error.type']
    }`;
    out[key] = point.count;
  }
  return out;
}

describe('Argo CD call metrics', () => {
  it('counts every attempt by method and status, network errors apart', async () => {
    let gets = 0;
    worker.use(
      http.get(`${ARGOCD_URL}/api/v1/applications/shop-api`, () => {
        gets++;
        return gets < 3
          ? HttpResponse.json({ message: 'upstream' }, { status: 503 })
          : HttpResponse.json(storedApplication({}));
      }),
      http.get(`${ARGOCD_URL}/api/v1/projects/missing`, () =>
        HttpResponse.json({ message: 'not found' }, { status: 404 }),
      ),
      http.delete(`${ARGOCD_URL}/api/v1/applications/shop-api`, () =>
        HttpResponse.error(),
      ),
    );
    const client = new ArgoCdClient({ instance, retry: fastRetry });
    await client.getApplication('shop-api');
    await client.getProject('missing');
    await client.deleteApplication('shop-api').catch(() => undefined);

    expect(await calls()).toEqual({
      'GET 503': 2,
      'GET 200': 1,
      'GET 404': 1,
      'DELETE network': 3,
    });
  });
});
