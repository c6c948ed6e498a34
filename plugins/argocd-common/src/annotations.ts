/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Catalog annotations that tie an entity to its Argo CD Application.
 */

/**
 * Names the Argo CD Application that deploys the entity.
 *
 * @public
 */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';

/**
 * Picks one of `argocd.instances` by name; without it the first configured
 * instance is used.
 *
 * @public
 */
export const ARGOCD_INSTANCE_NAME_ANNOTATION = 'argocd/instance-name';
