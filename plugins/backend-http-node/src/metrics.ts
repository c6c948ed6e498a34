/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Attributes, metrics } from '@opentelemetry/api';

// OpenTelemetry's semantic-convention buckets for HTTP durations, in seconds.
const BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

export interface HttpClientMetricsOptions {
  /** The OpenTelemetry meter, e.g. `launchpad-github-preflight`. */
  meterName: string;
  /** `peer.service` of every data point, e.g. `github` or `argocd`. */
  peerService: string;
  /** Further attributes of every data point, e.g. `server.address`. */
  attributes?: Attributes;
}

export interface HttpClientMetrics {
  /**
   * Records one call that started at `startedAt` (`performance.now()`):
   * answered with `status`, or failed without an answer (no `status`).
   */
  record(method: string, startedAt: number, status?: number): void;
  /**
   * `fetch` that records every call it makes (hand it to Octokit as
   * `request.fetch`). An aborted call is not recorded: the caller gave up,
   * the server did not fail.
   */
  fetch: typeof fetch;
}

/**
 * Outbound HTTP calls as OpenTelemetry's `http.client.request.duration`
 * histogram (seconds) with `peer.service`, `http.request.method`, either
 * `http.response.status_code` or `error.type=network`, and the given
 * attributes. Each retry is a call of its own. A no-op without a configured
 * OpenTelemetry SDK.
 */
export function httpClientMetrics(
  options: HttpClientMetricsOptions,
): HttpClientMetrics {
  const duration = metrics
    .getMeter(options.meterName)
    .createHistogram('http.client.request.duration', {
      description: 'Duration of HTTP client requests',
      unit: 's',
      advice: { explicitBucketBoundaries: BUCKETS },
    });
  const record = (method: string, startedAt: number, status?: number) => {
    duration.record((performance.now() - startedAt) / 1000, {
      ...options.attributes,
      'peer.service': options.peerService,
      'http.request.method': method,
      ...(status === undefined
        ? { 'error.type': 'network' }
        : { 'http.response.status_code': status }),
    });
  };
  const recordingFetch: typeof fetch = async (input, init) => {
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    const signal =
      init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const startedAt = performance.now();
    try {
      // Looked up per call: test tools such as msw replace it after import.
      const response = await globalThis.fetch(input, init);
      record(method, startedAt, response.status);
      return response;
    } catch (error) {
      if (!signal?.aborted) record(method, startedAt);
      throw error;
    }
  };
  return { record, fetch: recordingFetch };
}
