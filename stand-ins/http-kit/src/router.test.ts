/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeRequest, Request, Router } from './router';

describe('Router', () => {
  const a = () => {};
  const b = () => {};

  it('returns the first matching route with its decoded named groups', () => {
    const router = new Router()
      .get(/^\/commits\/(?<ref>.+)\/status$/, a)
      .get(/^\/commits\/(?<ref>.+)$/, b);
    expect(router.match('GET', '/commits/feature%2Fx/status')).toEqual({
      handler: a,
      params: { ref: 'feature/x' },
    });
    expect(router.match('GET', '/commits/main')).toEqual({
      handler: b,
      params: { ref: 'main' },
    });
  });

  it('keeps a parameter that is not valid percent-encoding as written', () => {
    const router = new Router().get(/^\/x\/(?<name>.+)$/, a);
    expect(router.match('GET', '/x/100%')).toEqual({
      handler: a,
      params: { name: '100%' },
    });
  });

  it('names the methods a path has when none matches', () => {
    const router = new Router()
      .put(/^\/denied$/, a)
      .get(/^\/denied$/, b)
      .post(/^\/other$/, a);
    expect(router.match('DELETE', '/denied')).toEqual({
      allowed: ['PUT', 'GET'],
    });
    expect(router.match('GET', '/nothing')).toEqual({ allowed: [] });
  });

  it('answers HEAD with a GET route unless told not to', () => {
    expect(new Router().get(/^\/$/, a).match('HEAD', '/')).toEqual({
      handler: a,
      params: {},
    });
    expect(
      new Router({ headAsGet: false }).get(/^\/$/, a).match('HEAD', '/'),
    ).toEqual({ allowed: ['GET'] });
  });

  it('matches every method with all()', () => {
    const router = new Router().all(/^\/api(\/.*)?$/, a);
    expect(router.match('PATCH', '/api/v1/pods')).toEqual({
      handler: a,
      params: {},
    });
  });

  it('hands its handlers the request type the stand-in builds', async () => {
    // A stand-in that authenticates before routing passes the caller along.
    type CallerRequest = Request & { caller: string };
    const seen: string[] = [];
    const router = new Router<CallerRequest>().get(
      /^\/items\/(?<id>[^/]+)$/,
      req => {
        seen.push(`${req.caller} ${req.params.id}`);
      },
    );
    const m = router.match('GET', '/items/a%2Fb');
    if (!('handler' in m)) throw new Error('expected a route');
    const raw = { url: '/items/a%2Fb', method: 'GET', headers: {} };
    await m.handler({
      ...makeRequest(raw as IncomingMessage, {} as ServerResponse, m.params, {
        bodyLimit: 0,
      }),
      caller: 'alice',
    });
    expect(seen).toEqual(['alice a/b']);
  });
});
