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

/** What every path but the health endpoints answers while the backend is held back. */
export const NOT_READY_MESSAGE =
  'The portal is starting and not ready yet. Try again in a few seconds.';

/**
 * Holds the backend's port while it cannot start: liveness answers 200 (so
 * Kubernetes does not restart the pod into a crash loop), readiness answers
 * 503 with the reason (so the pod never receives traffic and `kubectl
 * describe` shows why; never a secret value: only variable names, host names
 * and error codes). Every other path answers a plain 503 with `Retry-After`
 * in Backstage's error body shape that names no host, user or database
 * error: a caller learns nothing about the deployment, the log line keeps
 * the detail.
 */
export async function startNotReadyServer(
  listen: ListenAddress,
  initialReason: string,
): Promise<NotReadyServer> {
  let reason = initialReason;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    const headers = {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      connection: 'close',
    };
    if (path.startsWith('/.backstage/health/v1/liveness')) {
      res.writeHead(200, headers).end(JSON.stringify({ status: 'ok' }));
    } else if (path.startsWith('/.backstage/health/')) {
      res.writeHead(503, headers).end(
        JSON.stringify({
          status: 'error',
          message: `The portal is not ready: ${reason}`,
        }),
      );
    } else {
      res.writeHead(503, { ...headers, 'retry-after': '5' }).end(
        JSON.stringify({
          error: {
            name: 'ServiceUnavailableError',
            message: NOT_READY_MESSAGE,
          },
          request: { method: req.method, url },
          response: { statusCode: 503 },
        }),
      );
    }
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
