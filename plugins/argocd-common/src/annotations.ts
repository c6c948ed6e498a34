/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Names the Argo CD Application that deploys the entity. */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';

/**
 * Picks one of `argocd.instances` by name; without it the first configured
 * instance is used.
 */
export const ARGOCD_INSTANCE_NAME_ANNOTATION = 'argocd/instance-name';
