/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The subset of Argo CD's API types (swagger `v1alpha1Application`,
 * `v1alpha1AppProject`) the portal reads and writes: the scaffolder actions
 * write Applications, the status card's backend reads their status.
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

/** Who started a sync (`v1alpha1OperationInitiator`). */
export interface ArgoCdOperationInitiator {
  username?: string;
  /** True for a sync started by auto-sync. */
  automated?: boolean;
}

/**
 * A revision, or the revisions of a multi-source Application (Argo CD fills
 * one of the two).
 */
export interface ArgoCdRevisions {
  revision?: string;
  revisions?: string[];
}

/** The latest operation on the Application (`v1alpha1OperationState`). */
export interface ArgoCdOperationState {
  /** `Running`, `Succeeded`, `Failed`, `Error` or `Terminating`. */
  phase?: string;
  message?: string;
  startedAt?: string;
  /** Missing while the operation runs. */
  finishedAt?: string;
  operation?: {
    sync?: ArgoCdRevisions;
    initiatedBy?: ArgoCdOperationInitiator;
  };
  syncResult?: ArgoCdRevisions;
}

/**
 * One entry of `status.history` (`v1alpha1RevisionHistory`): Argo CD records
 * only successful syncs there, oldest first.
 */
export interface ArgoCdRevisionHistory extends ArgoCdRevisions {
  id?: number;
  deployedAt?: string;
  deployStartedAt?: string;
  initiatedBy?: ArgoCdOperationInitiator;
}

/** `v1alpha1ApplicationStatus`, the fields the portal reads. */
export interface ArgoCdApplicationStatus {
  /** `status`: `Synced`, `OutOfSync` or `Unknown`. */
  sync?: { status?: string } & ArgoCdRevisions;
  /** `status`: `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing` or `Unknown`. */
  health?: { status?: string; message?: string };
  operationState?: ArgoCdOperationState;
  history?: ArgoCdRevisionHistory[];
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
