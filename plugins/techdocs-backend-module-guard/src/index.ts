/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * TechDocs generator guard for the Launchpad backend.
 *
 * @packageDocumentation
 */

export { techdocsModuleGuard as default } from './module';
export { GuardedTechdocsGenerator, readGuardPolicy } from './generator';
export {
  checkMkdocsConfig,
  DEFAULT_ALLOWED_PLUGINS,
  MISSING_MKDOCS_YML_MESSAGE,
} from './guard';
export type { GuardPolicy } from './guard';
