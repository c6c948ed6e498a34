/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { metrics } from '@opentelemetry/api';

/** Records one answered (`status`) or failed (no status) call. */
export type RecordArgoCdCall = (
  method: string,
  startedAt: number,
  status?: number,
) => void;

// OpenTelemetry's semantic-convention buckets for HTTP durations, in seconds.
const BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * Every call to an Argo CD instance as `http.client.request.duration`
 * (seconds; OpenTelemetry's HTTP client metric) with `peer.service=argocd`,
 * `launchpad.argocd.instance`, `http.request.method` and either
 * `http.response.status_code` or `error.type=network`. Each retry is a call
 * of its own. A no-op without a configured OpenTelemetry SDK.
 */
export function argoCdCallRecorder(instanceName: string): RecordArgoCdCall {
  const duration = metrics
    .getMeter('launchpad-argocd')
    .createHistogram('http.client.request.duration', {
      description: 'Duration of HTTP client requests',
      unit: 's',
      advice: { explicitBucketBoundaries: BUCKETS },
    });
  return (method, startedAt, status) => {
    duration.record((performance.now() - startedAt) / 1000, {
      'peer.service': 'argocd',
      'launchpad.argocd.instance': instanceName,
      'http.request.method': method,
      ...(status === undefined
        ? { 'error.type': 'network' }
        : { 'http.response.status_code': status }),
    });
  };
}
