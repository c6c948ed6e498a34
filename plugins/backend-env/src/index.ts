/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Environment integration for the Launchpad backend.
 *
 * @packageDocumentation
 */
export {
  optionalStaticTokenHandler,
  optionalStaticTokenServiceFactory,
  OPTIONAL_STATIC_TOKEN_TYPE,
} from './apiTokenHandler';
export {
  preflight,
  checkConfigEnvironment,
  configFilesFromArgv,
  type PreflightProblem,
} from './preflight';
