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
  SyncHookResult,
} from './standIn';
export type { StoredApplication } from './store';
export { ArgoCdContract, contractDir } from './contract';
export type { ContractResult } from './contract';
export { optionsFromEnv } from './options';
