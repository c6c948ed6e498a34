/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { routeConsoleToLogger } from './routeConsole';

/**
 * Until the root logger exists, writes what `console.*` prints as one JSON
 * line each (timestamp, level, plugin `backend`, message): the backend's
 * config service announces the config files it loads with `console.log`
 * before any logger is there. The root logger's own console routing
 * replaces this as soon as it is created ({@link createRootLogger}). Call it
 * first thing in production.
 */
export function routeConsoleToJsonLines(
  write: (line: string) => void = line => process.stdout.write(line),
): () => void {
  const line =
    (level: string) =>
    (message: string): void =>
      write(
        `${JSON.stringify({
          timestamp: new Date().toISOString(),
          level,
          plugin: 'backend',
          source: 'console',
          message,
        })}\n`,
      );
  const logger: LoggerService = {
    error: line('error'),
    warn: line('warn'),
    info: line('info'),
    debug: line('debug'),
    child: () => logger,
  };
  return routeConsoleToLogger(logger);
}
