/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { routeConsoleToJsonLines } from './earlyConsole';

describe('routeConsoleToJsonLines', () => {
  it('writes console output as JSON lines until restored', () => {
    const written: string[] = [];
    const restore = routeConsoleToJsonLines(line => written.push(line));
    try {
      console.log('Loading config from %s', 'MergedConfigSource{...}');
      console.error('boom');
    } finally {
      restore();
    }
    expect(written.map(l => JSON.parse(l))).toEqual([
      {
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'info',
        plugin: 'backend',
        source: 'console',
        message: 'Loading config from MergedConfigSource{...}',
      },
      expect.objectContaining({ level: 'error', message: 'boom' }),
    ]);
    expect(written.every(l => l.endsWith('}\n'))).toBe(true);
  });
});
