/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './respond';

/**
 * An error a route throws to answer with a status and a JSON body. Each
 * stand-in subclasses it for its service's error shape: GitHub's
 * `{ message, documentation_url, status }`, the Kubernetes API's `Status`
 * object, Argo CD's grpc-gateway `{ error, code, message }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Sends an {@link HttpError}, unless the response has already started (then it drops the connection). */
export function sendError(res: ServerResponse, error: HttpError) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, error.body, error.headers);
}
