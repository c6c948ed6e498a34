/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Scaffolder actions for Argo CD: `argocd:app:create`, `argocd:app:wait` and
 * `argocd:app:checkAvailable`. The Argo CD client and the `argocd` config
 * reader they use live in `@internal/plugin-argocd-node`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleArgoCd as default } from './module';
export { createArgoCdCreateApplicationAction } from './actions/createApplication';
export { createArgoCdWaitForApplicationAction } from './actions/waitForApplication';
export { createArgoCdCheckApplicationAvailableAction } from './actions/checkApplicationAvailable';
