/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import http from 'node:http';
import net from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * A small load balancer for tests, like the ALB in front of the pods:
 * requests and WebSocket upgrades go round-robin to the upstreams that pass
 * their readiness check; an upstream that refuses a connection is taken out
 * at once and the request goes to the next one (nothing reached the dead
 * process); a connection that breaks after the request was sent is a
 * failure of a request in flight, answered 502 and recorded. Responses
 * stream through (server-sent events, long polls).
 */
export interface ProxyRecord {
  id: number;
  method: string;
  path: string;
  upstream: number;
  startedAt: number;
  endedAt?: number;
  status?: number;
  /** The upstream's connection broke while the request was in flight. */
  brokenInFlight?: string;
  /** The client's `x-test-request-id`, to match its own records. */
  requestId?: string;
  websocket?: boolean;
  /** When the client's side of a WebSocket tunnel closed. */
  closedAt?: number;
  /** The upstream accepted the WebSocket upgrade (101). */
  upgraded?: boolean;
  /** Bytes the client sent through the tunnel after the upgrade (its frames). */
  clientBytesAfterUpgrade?: number;
}

export interface RoundRobinProxy {
  url: string;
  port: number;
  records: ProxyRecord[];
  /** Indexes of the upstreams now in rotation. */
  healthy(): number[];
  /**
   * Routes matching requests to the upstream `pick` returns (from the
   * healthy ones), e.g. to send a browser away from the replica running a
   * task; returns a function that removes the rule.
   */
  route(
    match: (method: string, path: string) => boolean,
    pick: (healthy: number[]) => number,
  ): () => void;
  /** Holds matching requests until `hold` resolves (e.g. a slow GitHub). */
  delay(
    match: (method: string, path: string) => boolean,
    hold: () => Promise<void>,
  ): () => void;
  stop(): Promise<void>;
}

export async function startRoundRobinProxy(options: {
  upstreams: string[];
  /** Readiness path polled on every upstream; none: always in rotation. */
  healthPath?: string;
  healthIntervalMs?: number;
  port?: number;
}): Promise<RoundRobinProxy> {
  const upstreams = options.upstreams.map(u => new URL(u));
  const up = upstreams.map(() => options.healthPath === undefined);
  const records: ProxyRecord[] = [];
  const rules: Array<{
    match: (m: string, p: string) => boolean;
    pick: (h: number[]) => number;
  }> = [];
  const holds: Array<{
    match: (m: string, p: string) => boolean;
    hold: () => Promise<void>;
  }> = [];
  let next = 0;
  let ids = 0;

  const healthy = () => up.flatMap((ok, i) => (ok ? [i] : []));
  const choose = (method: string, path: string, exclude: Set<number>) => {
    const candidates = healthy().filter(i => !exclude.has(i));
    if (candidates.length === 0) return undefined;
    const rule = rules.find(r => r.match(method, path));
    if (rule) {
      const picked = rule.pick(candidates);
      if (candidates.includes(picked)) return picked;
    }
    const pick = candidates[next % candidates.length];
    next += 1;
    return pick;
  };

  let checking: NodeJS.Timeout | undefined;
  if (options.healthPath !== undefined) {
    const check = async () => {
      await Promise.all(
        upstreams.map(async (u, i) => {
          try {
            const res = await fetch(new URL(options.healthPath!, u), {
              signal: AbortSignal.timeout(2000),
            });
            await res.arrayBuffer();
            up[i] = res.status === 200;
          } catch {
            up[i] = false;
          }
        }),
      );
    };
    await check();
    checking = setInterval(() => void check(), options.healthIntervalMs ?? 500);
  }

  const server = http.createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    for (const h of holds.filter(x => x.match(method, path))) await h.hold();
    const tried = new Set<number>();
    const record: ProxyRecord = {
      id: (ids += 1),
      method,
      path,
      upstream: -1,
      startedAt: Date.now(),
      requestId: req.headers['x-test-request-id'] as string | undefined,
    };
    records.push(record);
    for (;;) {
      const target = choose(method, path, tried);
      if (target === undefined) {
        record.status = 503;
        record.endedAt = Date.now();
        res
          .writeHead(503, { 'content-type': 'text/plain' })
          .end('no healthy upstream');
        return;
      }
      tried.add(target);
      record.upstream = target;
      const outcome = await forward(target, req, res, body, record);
      if (outcome !== 'refused') return;
      // Nothing reached that process: out of rotation, try the next one.
      up[target] = false;
    }
  });

  function forward(
    target: number,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    record: ProxyRecord,
  ): Promise<'done' | 'refused'> {
    const u = upstreams[target];
    return new Promise(resolve => {
      let connected = false;
      const out = http.request(
        {
          host: u.hostname,
          port: u.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: req.headers.host ?? u.host },
          agent: false,
        },
        upstreamRes => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          record.status = upstreamRes.statusCode;
          upstreamRes.pipe(res);
          upstreamRes.on('error', () => res.destroy());
          upstreamRes.on('aborted', () => {
            record.brokenInFlight = 'response aborted';
            res.destroy();
          });
          res.on('close', () => {
            record.endedAt = Date.now();
            if (!upstreamRes.complete) upstreamRes.destroy();
            resolve('done');
          });
        },
      );
      out.on('socket', socket => {
        socket.on('connect', () => {
          connected = true;
        });
      });
      out.on('error', (error: NodeJS.ErrnoException) => {
        if (!connected && error.code === 'ECONNREFUSED') {
          resolve('refused');
          return;
        }
        record.brokenInFlight = error.code ?? error.message;
        record.endedAt = Date.now();
        if (!res.headersSent) {
          record.status = 502;
          res
            .writeHead(502, { 'content-type': 'text/plain' })
            .end(`upstream ${target} failed: ${error.message}`);
        } else {
          res.destroy();
        }
        resolve('done');
      });
      req.on('close', () => {
        if (!res.writableEnded) out.destroy();
      });
      out.end(body);
    });
  }

  // WebSockets (the signals connection): a raw TCP tunnel after the
  // upgrade request is replayed to the chosen upstream.
  const tunnels = new Set<net.Socket>();
  server.on('upgrade', (req, socket, head) => {
    tunnels.add(socket as net.Socket);
    socket.on('close', () => tunnels.delete(socket as net.Socket));
    const target = choose(req.method ?? 'GET', req.url ?? '/', new Set());
    if (target === undefined) {
      socket.destroy();
      return;
    }
    const record: ProxyRecord = {
      id: (ids += 1),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      upstream: target,
      startedAt: Date.now(),
      websocket: true,
    };
    records.push(record);
    socket.on('close', () => {
      record.closedAt = Date.now();
    });
    const u = upstreams[target];
    const upstream = net.connect(Number(u.port), u.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.once('data', (chunk: Buffer) => {
        record.upgraded = chunk.toString('latin1', 0, 12) === 'HTTP/1.1 101';
        record.clientBytesAfterUpgrade = 0;
      });
      socket.on('data', (chunk: Buffer) => {
        if (record.upgraded) {
          record.clientBytesAfterUpgrade! += chunk.length;
        }
      });
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });

  await new Promise<void>(resolve =>
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve()),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    records,
    healthy,
    route(match, pick) {
      const rule = { match, pick };
      rules.push(rule);
      return () => rules.splice(rules.indexOf(rule), 1);
    },
    delay(match, hold) {
      const h = { match, hold };
      holds.push(h);
      return () => holds.splice(holds.indexOf(h), 1);
    },
    async stop() {
      if (checking) clearInterval(checking);
      tunnels.forEach(t => t.destroy());
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
