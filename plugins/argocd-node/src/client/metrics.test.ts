/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { metrics } from '@opentelemetry/api';
import {
  DataPointType,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
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

class TestReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

const worker = setupServer();
registerMswTestHooks(worker);
const reader = new TestReader();
const instance = readArgoCdConfig(testConfig()).instances[0];

beforeAll(() => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});
afterAll(() => metrics.disable());

/** Calls recorded so far, as `METHOD status-or-error` → count. */
async function calls(): Promise<Record<string, number>> {
  const { resourceMetrics } = await reader.collect();
  const out: Record<string, number> = {};
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== 'http.client.request.duration') continue;
      expect(metric.dataPointType).toBe(DataPointType.HISTOGRAM);
      for (const point of metric.dataPoints) {
        const a = point.attributes;
        expect(a['peer.service']).toBe('argocd');
        expect(a['launchpad.argocd.instance']).toBe(instance.name);
        const key = `${a['http.request.method']} ${
          a['http.response.status_code'] ?? a['error.type']
        }`;
        out[key] = (point.value as { count: number }).count;
      }
    }
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
