/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { StoredApplication } from './store';

/** A Kubernetes timestamp: RFC 3339, second precision. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two Applications ask for the same thing (spec, labels, annotations). */
export function sameDesiredState(a: StoredApplication, b: StoredApplication) {
  return (
    canonical(a.spec) === canonical(b.spec) &&
    canonical(a.metadata.labels ?? {}) === canonical(b.metadata.labels ?? {}) &&
    canonical(a.metadata.annotations ?? {}) ===
      canonical(b.metadata.annotations ?? {})
  );
}
