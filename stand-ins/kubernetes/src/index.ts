/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * A local stand-in for the Kubernetes API, for the offline sandbox and tests.
 * Portal code never imports this package; only tests, the sandbox and the
 * Argo CD stand-in's sync hook do.
 */

export {
  createKubernetesStandIn,
  DEFAULT_PORT,
  DEFAULT_REGION,
  DEFAULT_TOKEN,
  DEFAULT_USER,
  SERVER_VERSION,
} from './standIn';
export type { KubernetesStandIn, KubernetesStandInOptions } from './standIn';
export { POD_STATE_ANNOTATION } from './cluster';
export type { ApplyOptions, ObjectRef } from './cluster';
export type { KubeObject } from './store';
export { renderManifests, parseManifests, kustomize } from './manifests';
export { optionsFromEnv } from './options';
export { validateManifest } from './validation';
export { verifyEksToken, type EksAuthOptions } from './eksToken';
