/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { requestCookies, statusAndBody } from './http';

describe('statusAndBody', () => {
  it('parses JSON and keeps anything else as text', async () => {
    expect(
      await statusAndBody(new Response('{"a":1}', { status: 201 })),
    ).toEqual({ status: 201, body: { a: 1 } });
    expect(
      await statusAndBody(new Response('line 1\nline 2', { status: 404 })),
    ).toEqual({ status: 404, body: 'line 1\nline 2' });
  });
});

describe('requestCookies', () => {
  it('sends name=value of each cookie set, leaving out deletions', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'nonce=abc; Path=/api/auth; HttpOnly');
    headers.append('set-cookie', 'old=; Max-Age=0; Path=/');
    headers.append('set-cookie', 'session=x=y; Secure');
    expect(requestCookies(new Response('', { headers }))).toBe(
      'nonce=abc; session=x=y',
    );
  });
});
