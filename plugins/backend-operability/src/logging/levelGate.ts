/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import {
  WinstonLogger,
  WinstonLoggerLevelOverride,
} from '@backstage/backend-defaults/rootLogger';
import { JsonObject } from '@backstage/types';
import { config } from 'winston';

type Level = 'error' | 'warn' | 'info' | 'debug';

/** What LevelGatedLogger needs of a root logger (a WinstonLogger). */
export type SettableLogger = LoggerService &
  Pick<WinstonLogger, 'addRedactions' | 'setLevelOverrides'>;

// The levels WinstonLogger filters with (winston's npm levels); own
// properties only, so a name such as `toString` counts as unknown.
const severity = (level: string): number | undefined =>
  Object.hasOwn(config.npm.levels, level)
    ? config.npm.levels[level]
    : undefined;

/**
 * The most verbose level at which any line can still be written: the default
 * level, or an override's if that is more verbose. An unknown level name lets
 * everything through, as WinstonLogger's own filter does with it.
 */
export class LevelGate {
  private mostVerbose = Infinity;

  constructor(private readonly defaultLevel: string) {
    this.setOverrides([]);
  }

  setOverrides(overrides: WinstonLoggerLevelOverride[]) {
    const levels = [this.defaultLevel, ...overrides.map(o => o.level)].map(
      severity,
    );
    this.mostVerbose = levels.some(l => l === undefined)
      ? Infinity
      : Math.max(...(levels as number[]));
  }

  /** False only when every line at `level` would be dropped anyway. */
  allows(level: Level): boolean {
    return severity(level)! <= this.mostVerbose;
  }
}

/**
 * A `WinstonLogger` that drops a line before winston sees it when no setting
 * could let a line of that level through. WinstonLogger filters levels in a
 * format, after the line has been copied for each child logger and passed
 * through winston's stream; at the default `info` level every `debug` line
 * (the catalog's audit events, two per entity read) costs that work for
 * nothing. Which lines are written is unchanged: the level filter, the
 * overrides (matched on the line's fields) and the redaction stay
 * WinstonLogger's.
 */
export class LevelGatedLogger implements RootLoggerService {
  /** `defaultLevel` must be the level `logger` was created with. */
  static create(logger: SettableLogger, defaultLevel: string) {
    const gate = new LevelGate(defaultLevel);
    return new LevelGatedLogger(logger, gate, logger);
  }

  private constructor(
    private readonly logger: LoggerService,
    private readonly gate: LevelGate,
    private readonly root?: SettableLogger,
  ) {}

  error(message: string, meta?: Error | JsonObject) {
    if (this.gate.allows('error')) this.logger.error(message, meta);
  }

  warn(message: string, meta?: Error | JsonObject) {
    if (this.gate.allows('warn')) this.logger.warn(message, meta);
  }

  info(message: string, meta?: Error | JsonObject) {
    if (this.gate.allows('info')) this.logger.info(message, meta);
  }

  debug(message: string, meta?: Error | JsonObject) {
    if (this.gate.allows('debug')) this.logger.debug(message, meta);
  }

  child(meta: JsonObject): LoggerService {
    return new LevelGatedLogger(this.logger.child(meta), this.gate);
  }

  /** See WinstonLogger; only the root logger has it. */
  addRedactions(redactions: Iterable<string>) {
    this.root?.addRedactions(redactions);
  }

  /** See WinstonLogger; only the root logger has it. */
  setLevelOverrides(overrides: WinstonLoggerLevelOverride[]) {
    this.root?.setLevelOverrides(overrides);
    this.gate.setOverrides(overrides);
  }
}
