/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Helpers for Kubernetes objects: timestamps as the API writes them, canonical
// JSON and its digest (for stable hashes and change detection), random name
// suffixes, conditions and owner references.

import { createHash, randomInt } from 'node:crypto';
import { KubeObject } from './store';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function digest(value: unknown) {
  return createHash('sha256').update(canonical(value)).digest();
}

export function safeEncode(bytes: Buffer, length: number) {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SAFE_ALPHABET[bytes[i % bytes.length] % SAFE_ALPHABET.length];
  }
  return out;
}

export function randomSuffix(length = 5) {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SAFE_ALPHABET[randomInt(SAFE_ALPHABET.length)];
  }
  return out;
}

export function clone<V>(value: V): V {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: null;
}

/** Sets a condition, keeping lastTransitionTime when its status did not change. */
export function withCondition(
  existing: Condition[] | undefined,
  next: Condition,
  withUpdateTime = false,
): Condition[] {
  const list = [...(existing ?? [])];
  const i = list.findIndex(c => c.type === next.type);
  const prev = i >= 0 ? list[i] : undefined;
  const t = now();
  const c: Condition = {
    ...next,
    lastTransitionTime:
      prev && prev.status === next.status ? prev.lastTransitionTime : t,
    ...(withUpdateTime && {
      lastUpdateTime:
        prev && prev.status === next.status && prev.message === next.message
          ? prev.lastUpdateTime
          : t,
    }),
  };
  if (i >= 0) list[i] = c;
  else list.push(c);
  return list;
}

export function ownerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}
