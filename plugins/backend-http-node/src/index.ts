/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Helpers for the portal's outbound HTTP calls (GitHub, Argo CD): a bounded
 * retry that honours abort signals, and the OpenTelemetry HTTP client metric.
 *
 * @packageDocumentation
 */
export {
  withRetry,
  sleep,
  httpFailureOf,
  describeHttpFailure,
  isRetryableHttpFailure,
  type RetryOptions,
  type RetryEvent,
  type HttpFailure,
} from './retry';
export {
  httpClientMetrics,
  type HttpClientMetrics,
  type HttpClientMetricsOptions,
} from './metrics';
