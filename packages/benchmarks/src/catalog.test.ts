/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { processCpuMs } from './catalog';

describe('processCpuMs', () => {
  it('counts the CPU time a busy process spends, not the time it sleeps', async () => {
    // Busy until the child's own CPU clock (process.cpuUsage, which does not
    // run while the scheduler gives the core to someone else) reaches 300 ms,
    // then idle until killed. A wall-clock loop would spend less CPU than
    // it meant to on a loaded machine.
    const child = spawn(process.execPath, [
      '-e',
      [
        'const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };',
        'while (cpuMs() < 300);',
        "process.stdout.write('idle\\n');",
        'setInterval(() => {}, 1000);',
      ].join(' '),
    ]);
    try {
      await once(child.stdout!, 'data');
      const busy = processCpuMs(child.pid!)!;
      // /proc counts in 10 ms ticks; the upper bound catches a wrong unit.
      expect(busy).toBeGreaterThanOrEqual(280);
      expect(busy).toBeLessThan(1000);
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
