/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// What every REST resource shares: its paths, paging, conditional requests,
// base64 bodies and media types.
import { Request, sendText } from '@internal/stand-in-http';
import { createHash } from 'node:crypto';

/** `/api/v3` + path pattern (written without the prefix). */
export function api(re: string) {
  return new RegExp(`^/api/v3${re}/?$`);
}

export const OWNER = '(?<owner>[A-Za-z0-9-]+)';
export const REPO = '(?<repo>[A-Za-z0-9._-]+)';
/** A repository's own path: `/repos/{owner}/{repo}`. */
export const R = `/repos/${OWNER}/${REPO}`;

export function wrapBase64(buf: Buffer) {
  return `${(buf.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n')}\n`;
}

export function etagOf(data: Buffer | string) {
  return `"${createHash('sha1').update(data).digest('hex')}"`;
}

export function paginate<T>(
  req: Request,
  items: T[],
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(
    Math.max(parseInt(req.query.get('per_page') ?? '30', 10) || 30, 1),
    100,
  );
  const pageNo = Math.max(parseInt(req.query.get('page') ?? '1', 10) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `<${req.path}?${q}>; rel="${rel}"`;
  };
  if (pageNo < lastPage)
    links.push(link(pageNo + 1, 'next'), link(lastPage, 'last'));
  if (pageNo > 1) links.push(link(1, 'first'), link(pageNo - 1, 'prev'));
  return { page, headers: links.length ? { Link: links.join(', ') } : {} };
}

export const isRaw = (req: Request) =>
  /application\/vnd\.github(\.v3)?\.raw/.test(req.header('accept') ?? '');

/** True when `If-None-Match` or `If-Modified-Since` says the client's copy is current. */
export const conditional = (
  req: Request,
  etag: string,
  lastModified?: Date,
) => {
  const inm = req.header('if-none-match');
  if (
    inm &&
    inm
      .split(',')
      .map(s => s.trim().replace(/^W\//, ''))
      .includes(etag)
  )
    return true;
  const ims = req.header('if-modified-since');
  if (!inm && ims && lastModified && lastModified.getTime() <= Date.parse(ims))
    return true;
  return false;
};

export const sendNotModified = (req: Request, etag: string) => {
  req.res.writeHead(304, { ETag: etag });
  req.res.end();
};

/**
 * JSON with an ETag of its text (and `Last-Modified` when known), or 304 Not
 * Modified when the client's copy is current.
 */
export function sendCachedJson(
  req: Request,
  body: unknown,
  lastModified?: Date,
) {
  const text = JSON.stringify(body);
  const etag = etagOf(text);
  if (conditional(req, etag, lastModified)) {
    sendNotModified(req, etag);
    return;
  }
  sendText(req.res, 200, text, 'application/json; charset=utf-8', {
    ETag: etag,
    ...(lastModified ? { 'Last-Modified': lastModified.toUTCString() } : {}),
  });
}
