/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Launchpad's static API tokens for automation: the `optional-static`
 * external access type (see README.md for the tokens and their scopes).
 *
 * @packageDocumentation
 */
export {
  isPlaceholderToken,
  optionalStaticTokenHandler,
  optionalStaticTokenServiceFactory,
  OPTIONAL_STATIC_TOKEN_TYPE,
} from './apiTokenHandler';
export {
  hasJwtShape,
  pluginTokenShapeServiceFactory,
  skipTokensWithoutJwtShape,
} from './pluginTokenShape';
