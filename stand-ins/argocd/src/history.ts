/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { StoredApplication } from './store';

type HistoryEntry = NonNullable<
  NonNullable<StoredApplication['status']>['history']
>[number];

/**
 * The Application's `status.history` with one more successful sync, as Argo
 * CD records it: ids count up, and only the last
 * `spec.revisionHistoryLimit` (default 10) entries are kept.
 */
export function appendHistory(
  app: StoredApplication,
  entry: Omit<HistoryEntry, 'id'>,
): HistoryEntry[] {
  const history = app.status?.history ?? [];
  const id = (history[history.length - 1]?.id ?? -1) + 1;
  const limit = Number(app.spec.revisionHistoryLimit ?? 10);
  return [...history, { ...entry, id }].slice(-Math.max(limit, 0));
}
