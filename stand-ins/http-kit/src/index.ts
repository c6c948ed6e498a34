/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The HTTP toolkit the local stand-ins share: router, request bodies,
 * responses, API errors and listening. Each stand-in keeps its own service's
 * error shape by subclassing {@link HttpError}.
 *
 * @packageDocumentation
 */
export { Router, makeRequest } from './router';
export type {
  Handler,
  Request,
  RequestOptions,
  RouteMatch,
  RouterOptions,
} from './router';
export {
  BodyTooLargeError,
  InvalidJsonError,
  parseJson,
  readBody,
} from './body';
export { redirect, sendEmpty, sendJson, sendText } from './respond';
export { HttpError, sendError } from './errors';
export { bearerToken, listen, tokenEquals } from './server';
export type { ListeningServer } from './server';
