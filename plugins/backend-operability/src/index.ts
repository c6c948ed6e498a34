/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Operability of the Launchpad backend: service factories that replace
 * Backstage's defaults for the root logger, the HTTP routers and the
 * database, adding timestamped JSON logs, 503 answers while the database is
 * unreachable, and OpenTelemetry metrics.
 *
 * @packageDocumentation
 */
import { databaseServiceFactory } from './database/databaseServiceFactory';
import { httpRouterServiceFactory } from './http/httpRouterServiceFactory';
import { rootHttpRouterServiceFactory } from './http/rootHttpRouterServiceFactory';
import { rootLoggerServiceFactory } from './logging/rootLoggerServiceFactory';

export {
  databaseServiceFactory,
  httpRouterServiceFactory,
  rootHttpRouterServiceFactory,
  rootLoggerServiceFactory,
};
export {
  createRootLogger,
  type RootLoggerOptions,
} from './logging/rootLoggerServiceFactory';
export {
  CONFIG_SCHEMA_FILE,
  writeConfigSchemaFile,
} from './logging/configSchemaFile';
export { RepeatedLines, type RepeatSummary } from './logging/repeatedLines';
export { routeConsoleToLogger } from './logging/routeConsole';
export { routeConsoleToJsonLines } from './logging/earlyConsole';
export {
  isDatabaseUnavailableError,
  readDatabaseTarget,
  type DatabaseTarget,
} from './database/unavailable';
export { PoolMetrics } from './database/poolMetrics';
export {
  databaseUnavailableHandler,
  DatabaseOutageLog,
  DATABASE_UNAVAILABLE_MESSAGE,
} from './http/databaseUnavailableHandler';
export { httpServerMetrics } from './http/httpServerMetrics';

/** Every service factory of this package, for `backend.add(...)`. */
export const operabilityServiceFactories = [
  rootLoggerServiceFactory,
  rootHttpRouterServiceFactory,
  httpRouterServiceFactory,
  databaseServiceFactory,
];
