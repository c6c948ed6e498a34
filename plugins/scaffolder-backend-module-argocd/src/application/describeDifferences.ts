/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ArgoCdApplication } from '@internal/plugin-argocd-common';

/** Lists, in words, how an existing Application differs from the desired one. */
export function describeDifferences(
  desired: ArgoCdApplication,
  existing: ArgoCdApplication,
): string[] {
  const out: string[] = [];
  const compare = (field: string, want: unknown, have: unknown) => {
    const norm = (v: unknown) => (v === undefined || v === null ? '' : v);
    if (JSON.stringify(norm(want)) !== JSON.stringify(norm(have))) {
      out.push(
        `${field} is ${JSON.stringify(have ?? null)}, wanted ${JSON.stringify(
          want ?? null,
        )}`,
      );
    }
  };
  const d = desired.spec;
  const e = existing.spec;
  compare('project', d.project, e.project);
  compare('source.repoURL', d.source?.repoURL, e.source?.repoURL);
  compare('source.path', d.source?.path, e.source?.path);
  compare(
    'source.targetRevision',
    d.source?.targetRevision,
    e.source?.targetRevision,
  );
  compare('destination.server', d.destination.server, e.destination?.server);
  compare('destination.name', d.destination.name, e.destination?.name);
  compare(
    'destination.namespace',
    d.destination.namespace,
    e.destination?.namespace,
  );
  const automated = (a?: ArgoCdApplication['spec']['syncPolicy']) =>
    a?.automated && a.automated.enabled !== false
      ? {
          prune: Boolean(a.automated.prune),
          selfHeal: Boolean(a.automated.selfHeal),
        }
      : null;
  compare(
    'syncPolicy.automated',
    automated(d.syncPolicy),
    automated(e.syncPolicy),
  );
  compare(
    'syncPolicy.syncOptions',
    [...(d.syncPolicy?.syncOptions ?? [])].sort(),
    [...(e.syncPolicy?.syncOptions ?? [])].sort(),
  );
  const sortedLabels = (l?: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(l ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    );
  compare(
    'metadata.labels',
    sortedLabels(desired.metadata.labels),
    sortedLabels(existing.metadata.labels),
  );
  return out;
}
