/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { processCpuMs } from './catalog';

describe('processCpuMs', () => {
  it('counts the CPU time a busy process spends, not the time it sleeps', async () => {
    // Busy for about 300 ms, then idle until killed.
    const child = spawn(process.execPath, [
      '-e',
      'const end = Date.now() + 300; while (Date.now() < end); setInterval(() => {}, 1000);',
    ]);
    try {
      await new Promise(r => setTimeout(r, 1000));
      const busy = processCpuMs(child.pid!)!;
      expect(busy).toBeGreaterThanOrEqual(250);
      await new Promise(r => setTimeout(r, 500));
      expect(processCpuMs(child.pid!)! - busy).toBeLessThan(100);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('is undefined for a process that does not exist', () => {
    expect(processCpuMs(2 ** 30)).toBeUndefined();
  });
});
