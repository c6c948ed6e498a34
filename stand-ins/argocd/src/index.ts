/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * A local stand-in for the Argo CD REST API, for the offline sandbox and tests.
 * Portal code never imports this package; only tests and the sandbox do.
 */

export {
  createArgoCdStandIn,
  findRepoRoot,
  DEFAULT_CLUSTERS,
  DEFAULT_PORT,
  DEFAULT_SYNC_DELAY_MS,
  DEFAULT_TOKEN,
  DEGRADED_OUTCOME_LABEL,
} from './standIn';
export type {
  ArgoCdStandIn,
  ArgoCdStandInOptions,
  StandInCluster,
  SyncContext,
  SyncHookResult,
} from './standIn';
export {
  LOCKED_DEFAULT_SPEC,
  OPEN_PROJECT_SPEC,
  messages as argoCdMessages,
  checkSyncObjects,
  isDestinationPermitted,
  isGroupKindPermitted,
  isSourcePermitted,
} from './projects';
export type {
  AppProjectDefinition,
  AppProjectSpec,
  ResourceResult,
  SyncObject,
} from './projects';
export type { StoredApplication } from './store';
export { ArgoCdContract, contractDir } from './contract';
export type { ContractResult } from './contract';
export { optionsFromEnv, readPolicyFile } from './options';
export { RbacPolicy, globToRegExp, permissionDeniedMessage } from './rbac';
export type { StandInRbacOptions, Subject } from './rbac';
