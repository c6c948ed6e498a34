/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { IncomingMessage } from 'node:http';

/** The request body was larger than the stand-in accepts. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super('Request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/** The request body was not JSON; `detail` is the parser's own message. */
export class InvalidJsonError extends Error {
  constructor(readonly detail: string) {
    super(`Invalid JSON in the request body: ${detail}`);
    this.name = 'InvalidJsonError';
  }
}

/**
 * Reads the whole request body, rejecting with {@link BodyTooLargeError}
 * (and dropping the connection) once it grows past `limit` bytes.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(limit));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Parses a body as JSON: `undefined` for an empty body, {@link InvalidJsonError}
 * when it is not JSON.
 */
export function parseJson(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonError((error as Error).message);
  }
}
