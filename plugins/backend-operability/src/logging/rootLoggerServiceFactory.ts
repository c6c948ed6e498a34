/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createServiceFactory,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  WinstonLogger,
  WinstonLoggerLevelOverride,
} from '@backstage/backend-defaults/rootLogger';
import { format, transports, transport } from 'winston';
import { RepeatedLines } from './repeatedLines';
import { upstreamFalseAlarms } from './upstreamFalseAlarms';
import { routeConsoleToLogger } from './routeConsole';
import { createSecretEnumerator } from './configSchemaFile';
import { LevelGatedLogger } from './levelGate';

/** Options of {@link createRootLogger}; the defaults are production's. */
export interface RootLoggerOptions {
  config: RootConfigService;
  /** JSON lines with a timestamp (default: `NODE_ENV === 'production'`). */
  json?: boolean;
  /** Route `console.*` through the logger (default: same as `json`). */
  routeConsole?: boolean;
  /** Window in which identical lines are collapsed (default 60 s). */
  repeatWindowMs?: number;
  transports?: transport[];
}

const LEVELS = new Set(['error', 'warn', 'info', 'debug']);

function readOverrides(
  config: RootConfigService,
): WinstonLoggerLevelOverride[] {
  return (config.getOptionalConfigArray('backend.logger.overrides') ?? []).map(
    o => ({
      matchers: o.getConfig('matchers').get(),
      level: o.getString('level'),
    }),
  );
}

/**
 * The backend's root logger: Backstage's own `WinstonLogger` (same levels,
 * `backend.logger.*` settings and secret redaction as the default root
 * logger), with what operators need from a production log:
 *
 * - every line is one JSON object with `timestamp` (ISO 8601), `level`,
 *   `plugin` (`backend` for the backend's own services) and `message`;
 * - what libraries print with `console.*` (knex's pool warnings) goes
 *   through the same logger instead of the middle of the JSON stream;
 * - identical lines repeating within a minute are written once, then once
 *   per minute as `<message> (repeated N more times in the last 60 s)` with
 *   a `repeated` field ({@link RepeatedLines}).
 *
 * Outside production the lines keep Backstage's colored text format (still
 * collapsed). Lines below every configured level are dropped before winston
 * sees them ({@link LevelGatedLogger}).
 */
export function createRootLogger(options: RootLoggerOptions): LevelGatedLogger {
  const { config } = options;
  const json = options.json ?? process.env.NODE_ENV === 'production';
  const windowMs = options.repeatWindowMs ?? 60_000;
  const repeats = new RepeatedLines({ windowMs });
  // Known upstream error lines for situations already handled, as warnings
  // (upstreamFalseAlarms.ts lists them and says why).
  const falseAlarms = upstreamFalseAlarms();
  const withPlugin = format(info => {
    if (info.plugin === undefined) info.plugin = 'backend';
    return info;
  })();
  const defaultLevel =
    process.env.LOG_LEVEL ||
    config.getOptionalString('backend.logger.level') ||
    'info';
  const winston = WinstonLogger.create({
    meta: {
      service: 'backstage',
      ...config.getOptionalConfig('backend.logger.meta')?.get(),
    },
    level: defaultLevel,
    format: json
      ? format.combine(
          falseAlarms,
          repeats.format,
          withPlugin,
          format.timestamp(),
          format.json(),
        )
      : format.combine(
          falseAlarms,
          repeats.format,
          WinstonLogger.colorFormat(),
        ),
    transports: options.transports ?? [new transports.Console()],
  });
  const logger = LevelGatedLogger.create(winston, defaultLevel);
  logger.setLevelOverrides(readOverrides(config));
  config.subscribe?.(() => logger.setLevelOverrides(readOverrides(config)));

  const seconds = Math.round(windowMs / 1000);
  const timer = setInterval(() => {
    for (const s of repeats.flush()) {
      const level = LEVELS.has(s.level)
        ? (s.level as 'error' | 'warn' | 'info' | 'debug')
        : 'info';
      logger
        .child(s.fields as any)
        [level](
          `${s.message} (repeated ${s.repeated} more times in the last ${seconds} s)`,
          { repeated: s.repeated },
        );
    }
  }, windowMs);
  timer.unref();

  if (options.routeConsole ?? json) {
    routeConsoleToLogger(logger.child({ source: 'console' }));
  }
  return logger;
}

/**
 * Replaces Backstage's default root logger with {@link createRootLogger}.
 * Secrets are redacted as by the default: every config value the packages'
 * schemas mark `@visibility secret`. In the container image where those
 * values sit is read from the file written when the image was built
 * ({@link createSecretEnumerator}) instead of collecting and compiling every
 * package's schema at each start.
 */
export const rootLoggerServiceFactory = createServiceFactory({
  service: coreServices.rootLogger,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const logger = createRootLogger({ config });
    const secrets = await createSecretEnumerator({
      dir: process.cwd(),
      logger,
    });
    logger.addRedactions(secrets(config));
    config.subscribe?.(() => logger.addRedactions(secrets(config)));
    return logger;
  },
});
