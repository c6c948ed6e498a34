/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/* The stand-in's public options, handle and constants. */
import type {
  AppProjectDefinition,
  ResourceResult,
  SyncObject,
} from './projects';
import type { RbacPolicy, StandInRbacOptions } from './rbac';
import type { StoredApplication } from './store';

/** Label that makes the stand-in report an Application as Degraded after its sync. */
export const DEGRADED_OUTCOME_LABEL = 'standin.launchpad.dev/outcome';

/** Result of the `onSync` hook. */
export interface SyncHookResult {
  /** The revision that was deployed; defaults to a hash of repo URL and target revision. */
  revision?: string;
  /** When set, the sync fails with this message and the Application becomes Degraded. */
  error?: string;
  /** Per-resource results of a failed sync (`operationState.syncResult.resources`). */
  resources?: ResourceResult[];
}

/** What a sync hook gets besides the Application: the project's rules. */
export interface SyncContext {
  project: AppProjectDefinition;
  /** The destination cluster, resolved from the Application's name or server. */
  cluster: { name?: string; server?: string };
  /**
   * The AppProject's sync-time checks on rendered objects (kinds and
   * namespaces). A hook calls it before applying anything and returns
   * `syncTasksNotValid` with the failed resources when it finds any.
   */
  check(
    objects: SyncObject[],
    isNamespaced: (group: string, kind: string) => boolean,
  ): ResourceResult[];
}

/** A cluster the stand-in knows about (Argo CD's cluster secrets). */
export interface StandInCluster {
  name: string;
  server: string;
}

export interface ArgoCdStandInOptions {
  /** TCP port; 0 picks a free one. Default 8088. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** The API token clients must send as `Authorization: Bearer <token>`. */
  token?: string;
  /** Directory where Applications are persisted. Default `<repo root>/.sandbox/argocd`. */
  dataDir?: string;
  /** Time between creating/changing an automated Application and its sync finishing. Default 2000. */
  syncDelayMs?: number;
  /**
   * Projects besides `default`: a name is a project that allows everything; an
   * AppProject (e.g. from deploy/tenancy/argocd/appprojects.yaml) is enforced
   * as Argo CD does. An AppProject named `default` replaces the built-in one.
   */
  projects?: Array<string | AppProjectDefinition>;
  /**
   * The built-in `default` project: `locked` (default; no source, destination
   * or kind, as deploy/ ships it) or `open` (everything allowed, like a fresh
   * Argo CD).
   */
  defaultProject?: 'locked' | 'open';
  /** Known destination clusters. Default: `in-cluster` (https://kubernetes.default.svc). */
  clusters?: StandInCluster[];
  /** Called when a sync runs; see {@link SyncHookResult} and {@link SyncContext}. */
  onSync?: (
    app: StoredApplication,
    context: SyncContext,
  ) => Promise<SyncHookResult>;
  /** Receives one line per request (never headers or bodies). */
  log?: (line: string) => void;
  /**
   * Enforce an Argo CD RBAC policy for `token` (./rbac.ts); without it the
   * token may do everything.
   */
  rbac?: StandInRbacOptions;
}

export interface ArgoCdStandIn {
  /** Base URL, e.g. `http://127.0.0.1:8088`. */
  url: string;
  port: number;
  /** The enforced policy (with `rbac`): its lines and those that granted a request. */
  rbac?: Pick<RbacPolicy, 'policyLines' | 'usedLines'>;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 8088;
export const DEFAULT_TOKEN = 'sandbox-argocd-token';
export const DEFAULT_SYNC_DELAY_MS = 2000;
export const DEFAULT_CLUSTERS: StandInCluster[] = [
  { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
];
