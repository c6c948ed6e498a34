/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// OpenTelemetry for the Launchpad backend, loaded before the backend itself
// (Backstage's "Setup OpenTelemetry" tutorial):
//
//   node --require ./packages/backend/instrumentation.cjs packages/backend ...
//
// Metrics only, in Prometheus' text format on their own port (default 9464,
// OTEL_EXPORTER_PROMETHEUS_PORT / OTEL_EXPORTER_PROMETHEUS_HOST), never on the
// public 7007: Backstage's own metrics (catalog, scaffolder, scheduler) and
// Launchpad's (HTTP requests, database pools, Argo CD and GitHub calls; see
// README.md, "Operating the portal"). No traces or logs are exported, and no
// auto-instrumentation is loaded (HTTP durations come from the root HTTP
// router, plugins/backend-operability). OTEL_SDK_DISABLED=true turns it off.
'use strict';

const { isMainThread } = require('node:worker_threads');

if (isMainThread && process.env.OTEL_SDK_DISABLED !== 'true') {
  // Without these the SDK would set up OTLP exporters for traces and logs.
  process.env.OTEL_TRACES_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  process.env.OTEL_SERVICE_NAME ??= 'launchpad-portal';

  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');

  // The OpenTelemetry specification's variables; the exporter itself no
  // longer reads them.
  const exporter = new PrometheusExporter(
    {
      port: Number(process.env.OTEL_EXPORTER_PROMETHEUS_PORT || 9464),
      host: process.env.OTEL_EXPORTER_PROMETHEUS_HOST || undefined,
    },
    error => {
      if (error) {
        // One JSON line, like every other line of the production log.
        process.stderr.write(
          `${JSON.stringify({
            timestamp: new Date().toISOString(),
            level: 'error',
            plugin: 'backend',
            service: 'metrics',
            message: `The metrics endpoint could not start: ${error.message}`,
          })}\n`,
        );
      }
    },
  );
  // Metrics need no context propagation: without a context manager (null)
  // the SDK does not install AsyncLocalStorage, whose promise hooks would
  // otherwise run on every promise the backend creates (a few per cent of
  // the CPU under load; packages/benchmarks/README.md, issue 18). Backstage's
  // spans stay no-ops either way, as no tracer provider is registered.
  const sdk = new NodeSDK({
    metricReaders: [exporter],
    instrumentations: [],
    contextManager: null,
    textMapPropagator: null,
  });
  sdk.start();
}
