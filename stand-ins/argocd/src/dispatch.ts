/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * What happens around every route, as Argo CD's API server does it: the
 * bearer token is checked before routing (so an unknown path without a token
 * is 401 too), an unknown path is NotFound and a known path with another
 * method Unimplemented, errors become grpc-gateway bodies, and one line per
 * request is logged (method, path, status; never headers or bodies).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  bearerToken,
  makeRequest,
  Request,
  Router,
  sendError,
  sendJson,
} from '@internal/stand-in-http';
import { ApiError, JSON_TYPE, toApiError } from './errors';
import type { StandInAccess, Subject } from './rbac';

/** A request as the Argo CD routes see it: with the caller its token names. */
export type ArgoCdRequest = Request & { who: Subject };

/** Answers 200 with a JSON body, as Argo CD's gateway does. */
export function reply(req: Request, body: unknown) {
  sendJson(req.res, 200, body, JSON_TYPE);
}

export interface DispatchOptions {
  router: Router<ArgoCdRequest>;
  access: StandInAccess;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  log: (line: string) => void;
}

/** The request listener: authenticate, route, answer errors, log. */
export function createDispatcher(options: DispatchOptions) {
  const { router, access, bodyLimit, log } = options;

  const authenticate = (raw: IncomingMessage): Subject => {
    const token = bearerToken(raw.headers.authorization);
    if (!token) {
      throw new ApiError('Unauthenticated', 'no session information');
    }
    const who = access.subjectFor(token);
    if (!who) {
      throw new ApiError(
        'Unauthenticated',
        'invalid session: token signature is invalid',
      );
    }
    return who;
  };

  return async (raw: IncomingMessage, res: ServerResponse) => {
    const method = raw.method ?? 'GET';
    const { pathname } = new URL(raw.url ?? '/', 'http://stand-in');
    try {
      const who = authenticate(raw);
      const m = router.match(method, pathname);
      if (!('handler' in m)) {
        throw m.allowed.length > 0
          ? new ApiError('Unimplemented', 'Method Not Allowed')
          : new ApiError('NotFound', 'Not Found');
      }
      await m.handler({
        ...makeRequest(raw, res, m.params, { bodyLimit }),
        who,
      });
    } catch (error) {
      sendError(res, toApiError(error, log));
    }
    log(`${method} ${pathname} -> ${res.statusCode}`);
  };
}
