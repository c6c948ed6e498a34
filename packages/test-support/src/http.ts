/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** A response's status and body: the parsed JSON, or the text when it is not JSON. */
export async function statusAndBody<T = any>(
  res: Response,
): Promise<{ status: number; body: T }> {
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (text/plain, HTML, logs)
  }
  return { status: res.status, body };
}

/**
 * The `Cookie` header a browser would send after this response: each
 * `Set-Cookie` as `name=value`, leaving out deletions (`Max-Age=0`).
 */
export function requestCookies(res: Response): string {
  return res.headers
    .getSetCookie()
    .filter(c => !/max-age=0/i.test(c))
    .map(c => c.split(';')[0])
    .join('; ');
}
