/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { TransformableInfo } from 'logform';
import { RepeatedLines } from './repeatedLines';

function setup() {
  let now = 0;
  const repeats = new RepeatedLines({ windowMs: 60_000, now: () => now });
  const pass = (info: Record<string, unknown>) =>
    repeats.format.transform({
      level: 'error',
      ...info,
    } as TransformableInfo) !== false;
  return { repeats, pass, advance: (ms: number) => (now += ms) };
}

describe('RepeatedLines', () => {
  it('writes a line once, counts its repeats and summarizes them when the window ends', () => {
    const { repeats, pass, advance } = setup();
    const line = { plugin: 'catalog', message: 'Processing loop failed' };
    expect(pass(line)).toBe(true);
    expect([pass(line), pass(line), pass(line)]).toEqual([false, false, false]);
    // Another plugin, level or message is another line.
    expect(pass({ ...line, plugin: 'scaffolder' })).toBe(true);
    expect(pass({ ...line, level: 'warn' })).toBe(true);
    expect(pass({ ...line, message: 'Something else' })).toBe(true);

    advance(60_000);
    expect(repeats.flush()).toEqual([
      {
        level: 'error',
        message: 'Processing loop failed',
        fields: { plugin: 'catalog' },
        repeated: 3,
      },
    ]);
    // Still repeating: counted again, one summary per window.
    expect(pass(line)).toBe(false);
    advance(60_000);
    expect(repeats.flush().map(s => s.repeated)).toEqual([1]);
  });

  it('writes a line at once again after a quiet window', () => {
    const { repeats, pass, advance } = setup();
    const line = { plugin: 'catalog', message: 'Database keepalive failed' };
    expect(pass(line)).toBe(true);
    advance(60_000);
    expect(repeats.flush()).toEqual([]);
    expect(pass(line)).toBe(true);
  });

  it('never collapses request log lines, audit events or summaries', () => {
    const { pass } = setup();
    const request = { type: 'incomingRequest', message: 'GET /api 503' };
    expect([pass(request), pass(request)]).toEqual([true, true]);
    // The auditor's lines share their message per event id; each is a call.
    const audit = {
      plugin: 'launchpad',
      message: 'launchpad.create-fastapi-service',
      isAuditEvent: true,
      status: 'initiated',
    };
    expect([
      pass(audit),
      pass({ ...audit, status: 'succeeded' }),
      pass(audit),
    ]).toEqual([true, true, true]);
    const summary = { message: 'x (repeated 3 more times)', repeated: 3 };
    expect([pass(summary), pass(summary)]).toEqual([true, true]);
  });

  it('stops tracking beyond its limit instead of growing', () => {
    const repeats = new RepeatedLines({ windowMs: 1000, maxTracked: 2 });
    const pass = (message: string) =>
      repeats.format.transform({ level: 'info', message }) !== false;
    expect([pass('a'), pass('b'), pass('c'), pass('c')]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(pass('a')).toBe(false);
  });
});
