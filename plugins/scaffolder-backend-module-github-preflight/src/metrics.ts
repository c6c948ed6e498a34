/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { metrics } from '@opentelemetry/api';

/** Records one answered (`status`) or failed (no status) call. */
export type RecordGitHubCall = (startedAt: number, status?: number) => void;

// OpenTelemetry's semantic-convention buckets for HTTP durations, in seconds.
const BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * The preflight's GitHub API calls as `http.client.request.duration`
 * (seconds; OpenTelemetry's HTTP client metric) with `peer.service=github`,
 * `server.address` (the GitHub host), `http.request.method` and either
 * `http.response.status_code` or `error.type=network`. Each retry is a call
 * of its own. A no-op without a configured OpenTelemetry SDK.
 */
export function githubCallRecorder(host: string): RecordGitHubCall {
  const duration = metrics
    .getMeter('launchpad-github-preflight')
    .createHistogram('http.client.request.duration', {
      description: 'Duration of HTTP client requests',
      unit: 's',
      advice: { explicitBucketBoundaries: BUCKETS },
    });
  return (startedAt, status) => {
    duration.record((performance.now() - startedAt) / 1000, {
      'peer.service': 'github',
      'server.address': host,
      'http.request.method': 'GET',
      ...(status === undefined
        ? { 'error.type': 'network' }
        : { 'http.response.status_code': status }),
    });
  };
}
