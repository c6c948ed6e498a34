/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Test helpers for code that talks to Argo CD through `ArgoCdClient` from
 * `@internal/plugin-argocd-node`: a two-instance config, fast retries, a
 * capturing logger, Applications as Argo CD returns them, and an msw recorder
 * that checks every Application body sent against Argo CD's own contract.
 * For tests only (a devDependency): it uses jest's globals.
 *
 * @packageDocumentation
 */

export * from './fixtures';
export { recordArgoCdRequests } from './msw';
export type { RecordedRequest } from './msw';
export { applicationContractErrors } from './contract';
