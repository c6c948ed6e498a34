/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  WinstonLogger,
  WinstonLoggerLevelOverride,
} from '@backstage/backend-defaults/rootLogger';
import { format } from 'winston';
import { captureLines } from '../__testUtils__/capture';
import { LevelGate, LevelGatedLogger, SettableLogger } from './levelGate';

function fakeRoot() {
  const calls: string[] = [];
  const make = (prefix: string): SettableLogger => ({
    error: m => calls.push(`${prefix}error ${m}`),
    warn: m => calls.push(`${prefix}warn ${m}`),
    info: m => calls.push(`${prefix}info ${m}`),
    debug: m => calls.push(`${prefix}debug ${m}`),
    child: meta => make(`${prefix}${JSON.stringify(meta)} `),
    addRedactions: () => {},
    setLevelOverrides: () => {},
  });
  return { root: make(''), calls };
}

describe('LevelGate', () => {
  it('allows the default level and everything more severe', () => {
    const gate = new LevelGate('info');
    expect(gate.allows('error')).toBe(true);
    expect(gate.allows('info')).toBe(true);
    expect(gate.allows('debug')).toBe(false);
  });

  it('opens for an override that is more verbose, not for a stricter one', () => {
    const gate = new LevelGate('warn');
    gate.setOverrides([{ matchers: { plugin: 'catalog' }, level: 'error' }]);
    expect(gate.allows('info')).toBe(false);
    gate.setOverrides([{ matchers: { plugin: 'catalog' }, level: 'debug' }]);
    expect(gate.allows('debug')).toBe(true);
    gate.setOverrides([]);
    expect(gate.allows('debug')).toBe(false);
  });

  it('lets everything through for a level name winston does not know', () => {
    expect(new LevelGate('loud').allows('debug')).toBe(true);
    expect(new LevelGate('toString').allows('debug')).toBe(true);
    const gate = new LevelGate('info');
    gate.setOverrides([{ matchers: {}, level: 'chatty' }]);
    expect(gate.allows('debug')).toBe(true);
  });
});

describe('LevelGatedLogger', () => {
  it('never hands a line below every level to the logger, children included', () => {
    const { root, calls } = fakeRoot();
    const logger = LevelGatedLogger.create(root, 'info');
    logger.debug('audit');
    logger
      .child({ plugin: 'catalog' })
      .child({ isAuditEvent: true })
      .debug('a');
    logger.child({ plugin: 'catalog' }).info('kept');
    expect(calls).toEqual(['{"plugin":"catalog"} info kept']);
  });

  it('follows overrides set later, in children created before', () => {
    const { root, calls } = fakeRoot();
    const logger = LevelGatedLogger.create(root, 'info');
    const catalog = logger.child({ plugin: 'catalog' });
    logger.setLevelOverrides([
      { matchers: { plugin: 'catalog' }, level: 'debug' },
    ]);
    catalog.debug('now passed on');
    expect(calls).toEqual(['{"plugin":"catalog"} debug now passed on']);
  });

  // Whatever the settings, the gate writes exactly what WinstonLogger alone
  // writes; it only skips work for lines that would be dropped.
  it.each<[string, WinstonLoggerLevelOverride[]]>([
    ['info', []],
    ['warn', []],
    ['debug', []],
    ['warn', [{ matchers: { plugin: 'catalog' }, level: 'debug' }]],
    ['debug', [{ matchers: { plugin: 'catalog' }, level: 'error' }]],
    ['info', [{ matchers: { plugin: '/^scaff/' }, level: 'warn' }]],
  ])(
    'writes the same lines as WinstonLogger at %s with %j',
    (level, overrides) => {
      const write = (gated: boolean) => {
        const out = captureLines();
        const winston = WinstonLogger.create({
          level,
          format: format.json(),
          transports: [out.transport],
        });
        const logger = gated
          ? LevelGatedLogger.create(winston, level)
          : winston;
        logger.setLevelOverrides(overrides);
        for (const plugin of [undefined, 'catalog', 'scaffolder']) {
          const l = plugin ? logger.child({ plugin }) : logger;
          l.error('e');
          l.warn('w');
          l.info('i');
          l.debug('d');
          l.child({ isAuditEvent: true }).debug('audit');
        }
        return out.lines;
      };
      const expected = write(false);
      expect(write(true)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    },
  );
});
