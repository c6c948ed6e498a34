/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The offline sandbox: the portal with stand-ins for GitHub, Argo CD and the
 * Kubernetes API, wired to each other. Also used by the end-to-end tests.
 *
 * @packageDocumentation
 */
export { planSandbox, REAL_SERVICE_VARIABLES } from './plan';
export type { SandboxPlan, Source } from './plan';
export {
  startStandIns,
  stopAll,
  SANDBOX_PORTS,
  SANDBOX_CLUSTER,
  GITHUB_INTEGRATION_TOKEN,
  GITHUB_WEBHOOK_SECRET,
  ARGOCD_ADMIN_TOKEN,
} from './sandbox';
export type { RunningStandIn, StartOptions } from './sandbox';
export { createGitOpsSync } from './gitopsSync';
export { freeSandboxPorts, writeConfigForPorts } from './config';
