import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as the route handlers see it. */
export interface Request {
  raw: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query string, percent-decoding left to the handler. */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  header(name: string): string | undefined;
  /** Reads the whole body (at most 50 MB). */
  body(): Promise<Buffer>;
  /** Body as JSON (GitHub's REST API takes JSON bodies). */
  json(): Promise<any>;
}

export type Handler = (req: Request) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** A small method + regex router; the first match wins. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: RegExp, handler: Handler) {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  get(pattern: RegExp, handler: Handler) {
    return this.add('GET', pattern, handler);
  }
  post(pattern: RegExp, handler: Handler) {
    return this.add('POST', pattern, handler);
  }
  put(pattern: RegExp, handler: Handler) {
    return this.add('PUT', pattern, handler);
  }
  patch(pattern: RegExp, handler: Handler) {
    return this.add('PATCH', pattern, handler);
  }
  delete(pattern: RegExp, handler: Handler) {
    return this.add('DELETE', pattern, handler);
  }

  /** Returns the handler and params for a request, or which methods would match. */
  match(
    method: string,
    path: string,
  ):
    | { handler: Handler; params: Record<string, string> }
    | { allowed: string[] } {
    const allowed: string[] = [];
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (r.method === method || (method === 'HEAD' && r.method === 'GET')) {
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

export class BadJsonError extends Error {
  constructor() {
    super('Problems parsing JSON');
  }
}

export function makeRequest(
  raw: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
): Request {
  const url = new URL(raw.url ?? '/', 'http://stand-in');
  let cached: Promise<Buffer> | undefined;
  const body = () => {
    cached ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      raw.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 50 * 1024 * 1024) {
          reject(new Error('Request body too large'));
          raw.destroy();
          return;
        }
        chunks.push(c);
      });
      raw.on('end', () => resolve(Buffer.concat(chunks)));
      raw.on('error', reject);
    });
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
      const b = await body();
      if (b.length === 0) return {};
      try {
        return JSON.parse(b.toString('utf8'));
      } catch {
        throw new BadJsonError();
      }
    },
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': buf.length,
    ...headers,
  });
  res.end(buf);
}

export function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { Location: location, 'Content-Length': 0 });
  res.end();
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, c => HTML_ESCAPES[c]);
}
