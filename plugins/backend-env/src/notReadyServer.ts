/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** Where the backend will listen, as `backend.listen` says. */
export interface ListenAddress {
  host?: string;
  port: number;
}

/**
 * Reads `backend.listen` the way the backend does: a `host:port` string
 * (`:7007` for every interface) or `{ host, port }`; 7007 when unset.
 */
export function parseListen(value: unknown): ListenAddress {
  if (typeof value === 'string') {
    const at = value.lastIndexOf(':');
    const host = at > 0 ? value.slice(0, at) : undefined;
    const port = Number(at >= 0 ? value.slice(at + 1) : value);
    return { host, port: Number.isInteger(port) ? port : 7007 };
  }
  if (value && typeof value === 'object') {
    const { host, port } = value as { host?: unknown; port?: unknown };
    const n = Number(port);
    return {
      host: typeof host === 'string' && host ? host : undefined,
      port: Number.isInteger(n) ? n : 7007,
    };
  }
  return { port: 7007 };
}

export interface NotReadyServer {
  url: string;
  /** The reason readiness and every other request report. */
  setReason(reason: string): void;
  close(): Promise<void>;
}

/**
 * Holds the backend's port while it cannot start: liveness answers 200 (so
 * Kubernetes does not restart the pod into a crash loop), readiness and
 * every other request answer 503 with the reason (so the pod never receives
 * traffic and `kubectl describe` shows why). The reason never contains a
 * secret value: only variable names, host names and error codes.
 */
export async function startNotReadyServer(
  listen: ListenAddress,
  initialReason: string,
): Promise<NotReadyServer> {
  let reason = initialReason;
  const server = http.createServer((req, res) => {
    const live = req.url?.startsWith('/.backstage/health/v1/liveness');
    res.writeHead(live ? 200 : 503, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      connection: 'close',
    });
    res.end(
      JSON.stringify(
        live
          ? { status: 'ok' }
          : { status: 'error', message: `The portal is not ready: ${reason}` },
      ),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    setReason(next) {
      reason = next;
    },
    close() {
      return new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
