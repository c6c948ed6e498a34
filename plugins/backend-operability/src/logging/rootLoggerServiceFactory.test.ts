/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import { captureLines } from '../__testUtils__/capture';
import { createRootLogger } from './rootLoggerServiceFactory';

const original = { ...console };
afterEach(() => {
  Object.assign(console, original);
  jest.useRealTimers();
});

describe('createRootLogger', () => {
  it('writes one JSON object per line with timestamp, level, plugin and message', () => {
    const out = captureLines();
    const logger = createRootLogger({
      config: new ConfigReader({}),
      json: true,
      routeConsole: false,
      transports: [out.transport],
    });
    logger.info('Listening on :7007');
    logger.child({ plugin: 'catalog' }).warn('Processing failed', {
      entity: 'component:default/a',
    });
    logger.child({ plugin: 'catalog' }).debug('not at the default level');

    expect(out.lines).toHaveLength(2);
    const [root, catalog] = out.json();
    expect(root).toEqual({
      timestamp: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/,
      ),
      level: 'info',
      plugin: 'backend',
      service: 'backstage',
      message: 'Listening on :7007',
    });
    expect(catalog).toMatchObject({
      level: 'warn',
      plugin: 'catalog',
      message: 'Processing failed',
      entity: 'component:default/a',
    });
  });

  it('honours backend.logger.level and overrides', () => {
    const out = captureLines();
    const logger = createRootLogger({
      config: new ConfigReader({
        backend: {
          logger: {
            level: 'warn',
            overrides: [{ matchers: { plugin: 'catalog' }, level: 'debug' }],
          },
        },
      }),
      json: true,
      routeConsole: false,
      transports: [out.transport],
    });
    logger.info('dropped');
    logger.child({ plugin: 'catalog' }).debug('kept');
    expect(out.json().map(l => l.message)).toEqual(['kept']);
  });

  it('collapses a line that repeats and writes how often it came again', () => {
    jest.useFakeTimers();
    const out = captureLines();
    const logger = createRootLogger({
      config: new ConfigReader({}),
      json: true,
      routeConsole: false,
      repeatWindowMs: 60_000,
      transports: [out.transport],
    });
    const catalog = logger.child({ plugin: 'catalog' });
    for (let i = 0; i < 500; i++) catalog.error('Processing loop failed');
    expect(out.lines).toHaveLength(1);

    jest.advanceTimersByTime(60_000);
    expect(out.lines).toHaveLength(2);
    expect(out.json()[1]).toMatchObject({
      level: 'error',
      plugin: 'catalog',
      message:
        'Processing loop failed (repeated 499 more times in the last 60 s)',
      repeated: 499,
      timestamp: expect.any(String),
    });
  });

  it('routes console output of libraries through the logger', () => {
    const out = captureLines();
    createRootLogger({
      config: new ConfigReader({}),
      json: true,
      routeConsole: true,
      transports: [out.transport],
    });
    // What knex prints when a pooled connection breaks.
    console.log('Connection Error: %s', 'Error: Connection ended unexpectedly');
    console.warn('a warning');
    expect(out.json()).toEqual([
      expect.objectContaining({
        level: 'info',
        plugin: 'backend',
        source: 'console',
        message: 'Connection Error: Error: Connection ended unexpectedly',
      }),
      expect.objectContaining({ level: 'warn', message: 'a warning' }),
    ]);
  });

  it('redacts secrets it is given', () => {
    const out = captureLines();
    const logger = createRootLogger({
      config: new ConfigReader({}),
      json: true,
      routeConsole: false,
      transports: [out.transport],
    });
    logger.addRedactions(['hunter2-secret']);
    logger.error('password authentication failed for hunter2-secret');
    expect(out.lines[0]).toContain('failed for ***');
    expect(out.lines[0]).not.toContain('hunter2');
  });
});
