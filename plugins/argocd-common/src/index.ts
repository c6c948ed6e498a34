/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Shared by the Argo CD status card (`@internal/plugin-argocd`), its backend
 * (`@internal/plugin-argocd-backend`) and the Argo CD client
 * (`@internal/plugin-argocd-node`): the catalog annotations, the Argo CD
 * Application shapes the portal reads and writes, and the status the backend
 * serves to the card.
 *
 * @packageDocumentation
 */

export {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_INSTANCE_NAME_ANNOTATION,
} from './annotations';
export type * from './application';
export type { ArgoCdDeployment, ArgoCdEntityStatus } from './entityStatus';
