/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { ServerResponse } from 'node:http';

/**
 * Answers with a JSON body and its length. The content type is
 * `application/json; charset=utf-8` unless `headers` names another
 * `Content-Type` in any case (the Kubernetes API and Argo CD send plain
 * `application/json`).
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  const ownType = Object.keys(headers).some(
    k => k.toLowerCase() === 'content-type',
  );
  res.writeHead(status, {
    ...(!ownType && { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers with a text (or binary) body of the given content type. */
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

/** Answers with a status and no body (204 No Content by default). */
export function sendEmpty(
  res: ServerResponse,
  status = 204,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, headers);
  res.end();
}

/** A 302 redirect to `location`. */
export function redirect(res: ServerResponse, location: string) {
  res.writeHead(302, { Location: location, 'Content-Length': 0 });
  res.end();
}
