/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  server: Server;
  /** The port it listens on (the one picked when asked for 0). */
  port: number;
  /** Closes the server and its open connections; resolves at once when already stopped. */
  stop(): Promise<void>;
}

/** Starts an HTTP server for `listener` and resolves once it listens. */
export async function listen(
  listener: RequestListener,
  options: { port: number; host: string },
): Promise<ListeningServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => {
          const notRunning =
            (error as NodeJS.ErrnoException | undefined)?.code ===
            'ERR_SERVER_NOT_RUNNING';
          if (error && !notRunning) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m ? m[1].trim() : undefined;
}

/** Compares two secrets in constant time (of their digests, so lengths may differ). */
export function tokenEquals(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
