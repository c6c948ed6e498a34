/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { metrics } from '@opentelemetry/api';
import { RequestHandler } from 'express';

/** `res.locals` key where the httpRouter service puts the plugin's id. */
export const PLUGIN_ID_LOCAL = 'launchpadPluginId';

// OpenTelemetry's semantic-convention buckets for HTTP durations, in seconds.
const BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * The route a request is counted under, with a bounded set of values: the
 * plugin's mount point (`/api/catalog`), the health endpoints, or `other`
 * (the frontend's files and unknown paths), so a client sending random
 * paths cannot grow the number of series.
 */
function routeOf(path: string, pluginId: unknown): string {
  if (typeof pluginId === 'string') return `/api/${pluginId}`;
  if (path.startsWith('/.backstage/health/')) return '/.backstage/health';
  return 'other';
}

/**
 * Records `http.server.request.duration` (seconds, OpenTelemetry's semantic
 * convention) for every request the backend answers, with
 * `http.request.method`, `http.response.status_code` and `http.route`.
 * Meant as the first middleware of the root HTTP router. Without a
 * configured OpenTelemetry SDK the meter is a no-op.
 */
export function httpServerMetrics(): RequestHandler {
  const duration = metrics
    .getMeter('launchpad-backend')
    .createHistogram('http.server.request.duration', {
      description: 'Duration of HTTP server requests',
      unit: 's',
      advice: { explicitBucketBoundaries: BUCKETS },
    });
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      duration.record(Number(process.hrtime.bigint() - start) / 1e9, {
        'http.request.method': req.method,
        'http.response.status_code': res.statusCode,
        'http.route': routeOf(req.path, res.locals[PLUGIN_ID_LOCAL]),
      });
    });
    next();
  };
}
