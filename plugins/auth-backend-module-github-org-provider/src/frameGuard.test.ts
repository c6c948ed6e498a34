/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { encodeOAuthState } from '@backstage/plugin-auth-node';
import { withStateCheckedCallback } from './frameGuard';

function fakeResponse() {
  const res: any = {
    headers: {} as Record<string, string>,
    body: '',
    headersSent: false,
  };
  res.setHeader = (k: string, v: string) => {
    res.headers[k.toLowerCase()] = v;
  };
  res.status = () => res;
  res.end = (body: string) => {
    res.body = body;
    res.headersSent = true;
  };
  return res;
}

/** The error the sign-in window posts to the app, from the callback HTML. */
function posted(res: any) {
  const encoded = /decodeURIComponent\('([^']*)'\)/.exec(res.body)?.[1];
  return encoded ? JSON.parse(decodeURIComponent(encoded)) : undefined;
}

describe('withStateCheckedCallback', () => {
  const inner = {
    start: jest.fn(),
    frameHandler: jest.fn(async (_req: any, res: any) => res.end('inner')),
    refresh: jest.fn(),
  };
  const handlers = withStateCheckedCallback(() => inner as any)({
    providerId: 'github',
    appUrl: 'http://localhost:3000',
    isOriginAllowed: () => false,
  } as any);
  const state = encodeOAuthState({ nonce: 'n1', env: 'development' } as any);

  beforeEach(() => jest.clearAllMocks());

  it('passes a callback with the matching nonce to the provider', async () => {
    const res = fakeResponse();
    await handlers.frameHandler(
      { query: { state, code: 'c' }, cookies: { 'github-nonce': 'n1' } } as any,
      res,
    );
    expect(inner.frameHandler).toHaveBeenCalled();
    expect(res.body).toBe('inner');
  });

  it.each([
    ['a tampered state', { state: 'bogus' }, { 'github-nonce': 'n1' }],
    ['a nonce from another sign-in', { state }, { 'github-nonce': 'other' }],
    ['no nonce cookie', { state }, {}],
  ])(
    'answers %s in the sign-in window with a clear message',
    async (_what, query, cookies) => {
      const res = fakeResponse();
      await handlers.frameHandler({ query, cookies } as any, res);
      expect(inner.frameHandler).not.toHaveBeenCalled();
      expect(posted(res)).toEqual({
        type: 'authorization_response',
        error: {
          name: 'NotAllowedError',
          message: expect.stringContaining(
            '(OAuth state mismatch), so you are not signed in',
          ),
        },
      });
    },
  );

  it('keeps the refresh handler', () => {
    expect(handlers.refresh).toBeDefined();
  });
});
