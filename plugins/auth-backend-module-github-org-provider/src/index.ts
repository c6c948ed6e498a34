/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * GitHub sign-in for members of the organization only.
 *
 * @packageDocumentation
 */
export { authModuleGithubOrgProvider as default } from './module';
export { userIdMatchingUserEntityAnnotation, refusalMessage } from './resolver';
