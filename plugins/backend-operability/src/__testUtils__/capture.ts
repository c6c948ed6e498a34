/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Writable } from 'node:stream';
import { transports } from 'winston';
import { MetricReader } from '@opentelemetry/sdk-metrics';

/** A winston transport that keeps every written line, as the console would get it. */
export function captureLines() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return {
    transport: new transports.Stream({ stream }),
    lines,
    json: () => lines.map(l => JSON.parse(l) as Record<string, any>),
  };
}

/** A metric reader that collects on demand. */
export class TestMetricReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}

  /** Data points of one metric: attributes and value. */
  async points(name: string) {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics.scopeMetrics.flatMap(scope =>
      scope.metrics
        .filter(m => m.descriptor.name === name)
        .flatMap(m =>
          m.dataPoints.map(p => ({
            attributes: p.attributes,
            value: p.value as any,
          })),
        ),
    );
  }
}
