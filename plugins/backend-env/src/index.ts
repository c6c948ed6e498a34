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
  printPreflightLine,
  checkConfigEnvironment,
  configFilesFromArgv,
  type PreflightProblem,
  type PreflightOptions,
  type PreflightLevel,
  type StartupSettings,
} from './preflight';
export { probeDatabase, type DatabaseSettings } from './database';
export { eventsServiceFactory } from './eventsService';
export {
  startWithStartupLock,
  postgresStartupLock,
  type StartupLock,
  type StartupLockOptions,
  type StartupLockSettings,
} from './startupLock';
export {
  parseListen,
  startNotReadyServer,
  NOT_READY_MESSAGE,
  type ListenAddress,
  type NotReadyServer,
} from './notReadyServer';
