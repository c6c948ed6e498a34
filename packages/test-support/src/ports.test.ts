/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import net from 'node:net';
import { freePort, uniquePorts } from './ports';

describe('freePort', () => {
  it('gives a port the caller can listen on at once', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    expect((server.address() as net.AddressInfo).port).toBe(port);
    await new Promise(resolve => server.close(resolve));
  });

  it('never hands out the same port twice, even when the OS offers it again', async () => {
    const offered = [5000, 5000, 5001, 5000, 5002];
    const next = uniquePorts(async () => offered.shift()!);
    expect([await next(), await next(), await next()]).toEqual([
      5000, 5001, 5002,
    ]);
    const stuck = uniquePorts(async () => 6000);
    expect(await stuck()).toBe(6000);
    await expect(stuck()).rejects.toThrow(
      'freePort: no new free port after 50 probes',
    );
  });
});
