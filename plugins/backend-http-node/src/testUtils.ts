/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Attributes, metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** One data point of `http.client.request.duration`. */
export interface HttpClientMetricPoint {
  /** The meter that recorded it (`meterName` of `httpClientMetrics`). */
  meter: string;
  unit: string;
  attributes: Attributes;
  /** How many calls it counts. */
  count: number;
}

class OnDemandReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

/**
 * For a jest test file: installs an in-memory OpenTelemetry meter provider
 * before its tests and removes it after them, and reads what was recorded
 * as `http.client.request.duration` so far (cumulative over the file).
 * Call it at the top level of the file, as `registerMswTestHooks`.
 */
export function registerHttpClientMetricsCapture() {
  const reader = new OnDemandReader();
  beforeAll(() => {
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterAll(() => metrics.disable());
  return {
    async points(): Promise<HttpClientMetricPoint[]> {
      const { resourceMetrics } = await reader.collect();
      return resourceMetrics.scopeMetrics.flatMap(scope =>
        scope.metrics
          .filter(m => m.descriptor.name === 'http.client.request.duration')
          .flatMap(m =>
            m.dataPoints.map(point => ({
              meter: scope.scope.name,
              unit: m.descriptor.unit,
              attributes: point.attributes,
              count: (point.value as { count: number }).count,
            })),
          ),
      );
    },
  };
}
