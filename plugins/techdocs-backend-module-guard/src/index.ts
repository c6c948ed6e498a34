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
export { checkMkdocsConfig, MISSING_MKDOCS_YML_MESSAGE } from './guard';
export type { GuardPolicy } from './guard';
export { DEFAULT_ALLOWED_PLUGINS } from './plugins';
export {
  DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS,
  NEVER_ALLOWED_MARKDOWN_EXTENSIONS,
} from './markdownExtensions';
