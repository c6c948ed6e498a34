/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Argo CD status card for entity overview pages (new frontend system).
 *
 * @packageDocumentation
 */

export { argoCdPlugin as default } from './plugin';
export { ARGOCD_APP_NAME_ANNOTATION } from '@internal/plugin-argocd-common';
export * from './api';
