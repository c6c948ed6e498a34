/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import net from 'node:net';
import { freePort } from './ports';

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
});
