/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { BodyTooLargeError, InvalidJsonError } from './body';
import { HttpError, sendError } from './errors';
import { sendEmpty, sendJson, sendText } from './respond';
import { makeRequest, Router } from './router';
import { bearerToken, listen, ListeningServer, tokenEquals } from './server';

/** A server built from the toolkit the way each stand-in builds its own. */
async function startEchoServer(): Promise<ListeningServer> {
  const router = new Router()
    .post(/^\/echo$/, async req => {
      sendJson(req.res, 200, { got: (await req.json()) ?? null });
    })
    .post(/^\/echo-object$/, async req => {
      const first = await req.json();
      first.changed = true;
      const second = await req.json();
      sendJson(req.res, 200, { got: second, same: first === second });
    })
    .get(/^\/text$/, req =>
      sendText(req.res, 200, 'hello', 'text/plain', { 'X-Extra': '1' }),
    )
    .get(/^\/plain-json$/, req =>
      sendJson(
        req.res,
        200,
        { ok: true },
        { 'content-type': 'application/json' },
      ),
    )
    .delete(/^\/thing$/, req => sendEmpty(req.res))
    .get(/^\/teapot$/, () => {
      throw new HttpError(
        418,
        'short and stout',
        { reason: 'teapot' },
        {
          'X-Why': 'tea',
        },
      );
    });
  return listen(
    async (raw, res) => {
      const m = router.match(raw.method ?? 'GET', raw.url!.split('?')[0]);
      if (!('handler' in m)) {
        sendError(res, new HttpError(404, 'no route', { allowed: m.allowed }));
        return;
      }
      try {
        await m.handler(
          makeRequest(raw, res, m.params, {
            bodyLimit: 16,
            emptyJson: raw.url === '/echo-object' ? {} : undefined,
          }),
        );
      } catch (error) {
        if (error instanceof HttpError) sendError(res, error);
        else if (error instanceof InvalidJsonError)
          sendError(
            res,
            new HttpError(400, error.message, { detail: error.detail }),
          );
        else if (error instanceof BodyTooLargeError)
          sendError(
            res,
            new HttpError(413, error.message, { limit: error.limit }),
          );
        else throw error;
      }
    },
    { port: 0, host: '127.0.0.1' },
  );
}

describe('a server built from the toolkit', () => {
  let server: ListeningServer;
  let url: string;
  beforeAll(async () => {
    server = await startEchoServer();
    url = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.stop());

  it('reads JSON bodies and answers JSON with its length', async () => {
    const res = await fetch(`${url}/echo`, {
      method: 'POST',
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    );
    expect(res.headers.get('content-length')).toBe('15');
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });

  it('gives undefined for an empty body', async () => {
    const res = await fetch(`${url}/echo`, { method: 'POST' });
    expect(await res.json()).toEqual({ got: null });
  });

  it('gives a copy of emptyJson for an empty body when asked', async () => {
    const res = await fetch(`${url}/echo-object`, { method: 'POST' });
    expect(await res.json()).toEqual({ got: {}, same: false });
  });

  it('refuses a body that is not JSON, with the parser message', async () => {
    const res = await fetch(`${url}/echo`, { method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.detail).toMatch(/JSON/);
  });

  it('drops the connection when a body grows over the limit', async () => {
    // The body is refused while it is still arriving: no answer is sent.
    await expect(
      fetch(`${url}/echo`, {
        method: 'POST',
        body: JSON.stringify({ long: 'x'.repeat(64) }),
      }),
    ).rejects.toThrow(/fetch failed/);
  });

  it('lets a caller choose the content type and extra headers', async () => {
    const text = await fetch(`${url}/text`);
    expect(text.headers.get('content-type')).toBe('text/plain');
    expect(text.headers.get('x-extra')).toBe('1');
    expect(await text.text()).toBe('hello');
    const plain = await fetch(`${url}/plain-json`);
    // One Content-Type header, not the default beside the caller's.
    expect(plain.headers.get('content-type')).toBe('application/json');
  });

  it('answers 204 with no body', async () => {
    const res = await fetch(`${url}/thing`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('sends an HttpError with its status, body and headers', async () => {
    const res = await fetch(`${url}/teapot`);
    expect(res.status).toBe(418);
    expect(res.headers.get('x-why')).toBe('tea');
    expect(await res.json()).toEqual({ reason: 'teapot' });
  });

  it('tells which methods a path has', async () => {
    const res = await fetch(`${url}/thing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ allowed: ['DELETE'] });
  });
});

describe('listen', () => {
  it('picks a free port for 0 and stops twice without an error', async () => {
    const server = await listen((_req, res) => sendEmpty(res), {
      port: 0,
      host: '127.0.0.1',
    });
    expect(server.port).toBeGreaterThan(0);
    await server.stop();
    await expect(server.stop()).resolves.toBeUndefined();
  });

  it('rejects when the port is taken', async () => {
    const first = await listen((_req, res) => sendEmpty(res), {
      port: 0,
      host: '127.0.0.1',
    });
    await expect(
      listen((_req, res) => sendEmpty(res), {
        port: first.port,
        host: '127.0.0.1',
      }),
    ).rejects.toThrow(/EADDRINUSE/);
    await first.stop();
  });
});

describe('tokens', () => {
  it('reads a bearer token in any case, trimmed', () => {
    expect(bearerToken('Bearer abc ')).toBe('abc');
    expect(bearerToken('bearer  abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('compares tokens of any length', () => {
    expect(tokenEquals('secret', 'secret')).toBe(true);
    expect(tokenEquals('secret', 'secret2')).toBe(false);
    expect(tokenEquals('', 'secret')).toBe(false);
  });
});
