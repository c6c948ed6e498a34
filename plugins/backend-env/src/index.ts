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
  preflight,
  checkConfigEnvironment,
  configFilesFromArgv,
  type PreflightProblem,
  type PreflightOptions,
  type StartupSettings,
} from './preflight';
export { probeDatabase, type DatabaseSettings } from './database';
export {
  parseListen,
  startNotReadyServer,
  type ListenAddress,
  type NotReadyServer,
} from './notReadyServer';
