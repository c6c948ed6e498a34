/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, readBody } from './body';

/** One request as a route handler sees it. */
export interface Request {
  raw: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** The route pattern's named groups, percent-decoded. */
  params: Record<string, string>;
  header(name: string): string | undefined;
  /** Reads the whole body (once; later calls get the same buffer). */
  body(): Promise<Buffer>;
  /**
   * The body as JSON: `emptyJson` (default `undefined`) when empty; throws
   * `InvalidJsonError` when it is not JSON.
   */
  json(): Promise<any>;
}

/**
 * A route handler. `R` is the request type a stand-in hands its routes: the
 * toolkit's {@link Request}, or one the stand-in extends in its own dispatch
 * (Argo CD adds the authenticated caller).
 */
export type Handler<R extends Request = Request> = (
  req: R,
) => Promise<void> | void;

/** The handler for a request and its parameters, or which methods the path has. */
export type RouteMatch<R extends Request = Request> =
  | { handler: Handler<R>; params: Record<string, string> }
  | { allowed: string[] };

export interface RouterOptions {
  /** Answer `HEAD` with a `GET` route, as HTTP servers do. Default true. */
  headAsGet?: boolean;
}

interface Route<R extends Request> {
  method: string;
  pattern: RegExp;
  handler: Handler<R>;
}

/**
 * A method + regular expression router; the first route whose pattern and
 * method match wins, so register the longer of two overlapping patterns first
 * (`/commits/(?<ref>.+)/status` before `/commits/(?<ref>.+)`). Named groups
 * become `req.params`. Regular expressions rather than path templates because
 * the APIs we stand in for have parameters with slashes in the middle of a
 * path (a branch name before `/protection`). `R` is the request type the
 * handlers get (see {@link Handler}); the stand-in's dispatch builds it.
 */
export class Router<R extends Request = Request> {
  private readonly routes: Route<R>[] = [];
  private readonly headAsGet: boolean;

  constructor(options: RouterOptions = {}) {
    this.headAsGet = options.headAsGet ?? true;
  }

  /** Adds a route; `method` `*` matches every method. */
  add(method: string, pattern: RegExp, handler: Handler<R>) {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  get(pattern: RegExp, handler: Handler<R>) {
    return this.add('GET', pattern, handler);
  }
  post(pattern: RegExp, handler: Handler<R>) {
    return this.add('POST', pattern, handler);
  }
  put(pattern: RegExp, handler: Handler<R>) {
    return this.add('PUT', pattern, handler);
  }
  patch(pattern: RegExp, handler: Handler<R>) {
    return this.add('PATCH', pattern, handler);
  }
  delete(pattern: RegExp, handler: Handler<R>) {
    return this.add('DELETE', pattern, handler);
  }
  all(pattern: RegExp, handler: Handler<R>) {
    return this.add('*', pattern, handler);
  }

  /** Returns the handler and params for a request, or which methods would match. */
  match(method: string, path: string): RouteMatch<R> {
    const allowed: string[] = [];
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (
        r.method === '*' ||
        r.method === method ||
        (this.headAsGet && method === 'HEAD' && r.method === 'GET')
      ) {
        const params: Record<string, string> = {};
        for (const [k, v] of Object.entries(m.groups ?? {})) {
          if (v !== undefined) params[k] = safeDecode(v);
        }
        return { handler: r.handler, params };
      }
      allowed.push(r.method);
    }
    return { allowed };
  }
}

function safeDecode(v: string) {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export interface RequestOptions {
  /** Largest body `body()` and `json()` accept, in bytes. */
  bodyLimit: number;
  /** What `json()` gives for an empty body (a copy of it). Default `undefined`. */
  emptyJson?: unknown;
}

/** Wraps a Node request for a route handler. */
export function makeRequest(
  raw: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
  options: RequestOptions,
): Request {
  const url = new URL(raw.url ?? '/', 'http://stand-in');
  let cached: Promise<Buffer> | undefined;
  const body = () => {
    cached ??= readBody(raw, options.bodyLimit);
    return cached;
  };
  return {
    raw,
    res,
    method: raw.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    params,
    header: name => {
      const v = raw.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
    body,
    json: async () => {
      const value = parseJson(await body());
      return value === undefined ? structuredClone(options.emptyJson) : value;
    },
  };
}
