/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import net from 'node:net';

function probeOs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Ports from `probe`, never the same one twice. The OS may give the same
 * port to two probes in a row once the first is closed; a test that asks for
 * a backend port, a metrics port and the stand-ins' ports before anything
 * listens would then start two servers on one port. (The likely cause of
 * one failure of the outage test: its metrics scrape got a 401, the answer
 * of a stand-in, not of the metrics endpoint.)
 */
export function uniquePorts(
  probe: () => Promise<number>,
): () => Promise<number> {
  const handedOut = new Set<number>();
  return async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await probe();
      if (!handedOut.has(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new Error('freePort: no new free port after 50 probes');
  };
}

/**
 * A TCP port that was free on 127.0.0.1 a moment ago (the OS picks it; the
 * probe is closed before this resolves, so the caller can listen on it),
 * and that no earlier call in this process returned.
 */
export const freePort: () => Promise<number> = uniquePorts(probeOs);
