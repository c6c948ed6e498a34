/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '@internal/stand-in-http';

/** What an injected fault does to a matching request. */
export type FaultKind =
  /** Answer `status` (default 502) with a GitHub-style JSON error. */
  | 'status'
  /** 403 "You have exceeded a secondary rate limit" with `Retry-After`. */
  | 'secondary-rate-limit'
  /** 403 primary rate limit: `x-ratelimit-remaining: 0` and `x-ratelimit-reset`. */
  | 'rate-limit'
  /** 401 Bad credentials, as if the token had been revoked. */
  | 'bad-credentials'
  /** Drop the connection without an answer (ECONNRESET on the client). */
  | 'reset';

export interface FaultSpec {
  /** Exact request path (`/api/graphql`), or a prefix ending in `*` (`/api/v3/repos/*`). */
  path: string;
  /** HTTP method to match; any method when absent. */
  method?: string;
  /** How many matching requests fail; default 1. */
  count?: number;
  kind?: FaultKind;
  /** For kind `status`: the HTTP status, default 502. */
  status?: number;
  /** Seconds for `Retry-After` / `x-ratelimit-reset`; default 1. */
  retryAfter?: number;
  /** Overrides the error message. */
  message?: string;
}

export interface Fault
  extends Required<Pick<FaultSpec, 'path' | 'count' | 'kind'>> {
  id: string;
  method?: string;
  status: number;
  retryAfter: number;
  message?: string;
  /** How many requests this fault has answered so far. */
  hits: number;
}

const VALID_KINDS: FaultKind[] = [
  'status',
  'secondary-rate-limit',
  'rate-limit',
  'bad-credentials',
  'reset',
];

export class FaultInjector {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    if (!spec || typeof spec.path !== 'string' || !spec.path.startsWith('/')) {
      throw new Error('fault.path must be a request path starting with /');
    }
    const kind = spec.kind ?? 'status';
    if (!VALID_KINDS.includes(kind)) {
      throw new Error(`fault.kind must be one of ${VALID_KINDS.join(', ')}`);
    }
    const status = spec.status ?? 502;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new Error('fault.status must be an HTTP error status (400-599)');
    }
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new Error('fault.count must be a positive integer');
    const fault: Fault = {
      id: randomUUID(),
      path: spec.path,
      method: spec.method?.toUpperCase(),
      count,
      kind,
      status,
      retryAfter: spec.retryAfter ?? 1,
      message: spec.message,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list() {
    return this.faults.map(f => ({ ...f }));
  }

  clear() {
    this.faults = [];
  }

  private take(method: string, path: string): Fault | undefined {
    const f = this.faults.find(x => {
      if (x.method && x.method !== method) return false;
      return x.path.endsWith('*')
        ? path.startsWith(x.path.slice(0, -1))
        : x.path === path;
    });
    if (!f) return undefined;
    f.hits += 1;
    f.count -= 1;
    if (f.count <= 0) this.faults = this.faults.filter(x => x !== f);
    return f;
  }

  /** Answers the request if a fault matches; returns the status used (0 for a reset). */
  apply(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): number | undefined {
    const f = this.take(req.method ?? 'GET', path);
    if (!f) return undefined;
    const requestId = randomUUID().toUpperCase();
    const reset = String(Math.ceil(Date.now() / 1000) + f.retryAfter);
    switch (f.kind) {
      case 'reset':
        req.socket.destroy();
        return 0;
      case 'secondary-rate-limit':
        sendJson(
          res,
          403,
          {
            message:
              f.message ??
              `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '403',
          },
          {
            'Retry-After': String(f.retryAfter),
            'X-GitHub-Request-Id': requestId,
          },
        );
        return 403;
      case 'rate-limit':
        sendJson(
          res,
          403,
          {
            message: f.message ?? 'API rate limit exceeded for user.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
            status: '403',
          },
          {
            'X-RateLimit-Limit': '5000',
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Used': '5000',
            'X-RateLimit-Reset': reset,
            'X-RateLimit-Resource': path.startsWith('/api/graphql')
              ? 'graphql'
              : 'core',
            'X-GitHub-Request-Id': requestId,
          },
        );
        return 403;
      case 'bad-credentials':
        sendJson(res, 401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        });
        return 401;
      default:
        sendJson(
          res,
          f.status,
          {
            message:
              f.message ??
              (f.status >= 500 ? 'Server Error' : 'Injected fault'),
            documentation_url: 'https://docs.github.com/rest',
            status: String(f.status),
          },
          { 'X-GitHub-Request-Id': requestId },
        );
        return f.status;
    }
  }
}
