/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The subset of Argo CD's API types (swagger `v1alpha1Application`,
 * `v1alpha1AppProject`) this module reads and writes.
 */

export interface ArgoCdApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
}

export interface ArgoCdApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface ArgoCdSyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean; enabled?: boolean };
  syncOptions?: string[];
}

export interface ArgoCdApplicationSpec {
  project: string;
  source?: ArgoCdApplicationSource;
  destination: ArgoCdApplicationDestination;
  syncPolicy?: ArgoCdSyncPolicy;
}

export interface ArgoCdApplicationCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface ArgoCdApplicationStatus {
  sync?: { status?: string; revision?: string };
  health?: { status?: string; message?: string };
  operationState?: {
    phase?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
  conditions?: ArgoCdApplicationCondition[];
  reconciledAt?: string;
}

export interface ArgoCdApplication {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: ArgoCdApplicationSpec;
  status?: ArgoCdApplicationStatus;
}

export interface ArgoCdProject {
  metadata: { name: string; namespace?: string; uid?: string };
  spec?: {
    description?: string;
    sourceRepos?: string[];
    destinations?: Array<{
      server?: string;
      name?: string;
      namespace?: string;
    }>;
  };
}
