/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { isError } from '@backstage/errors';
import {
  AuthProviderFactory,
  AuthProviderRouteHandlers,
  decodeOAuthState,
  sendWebMessageResponse,
} from '@backstage/plugin-auth-node';
import { STATE_MISMATCH_MESSAGE } from './failures';

type Request = Parameters<AuthProviderRouteHandlers['frameHandler']>[0];
type Response = Parameters<AuthProviderRouteHandlers['frameHandler']>[1];

/**
 * Checks the callback's `state` against the nonce cookie set when the
 * sign-in started. Returns the app origin to answer, and whether it matches.
 */
function checkState(
  req: Request,
  providerId: string,
  appOrigin: string,
  isOriginAllowed: (origin: string) => boolean,
): { origin: string; ok: boolean } {
  let state: Record<string, string>;
  try {
    state = decodeOAuthState(String(req.query.state ?? ''));
  } catch {
    return { origin: appOrigin, ok: false };
  }
  let origin = appOrigin;
  if (state.origin) {
    try {
      const candidate = new URL(state.origin).origin;
      if (isOriginAllowed(candidate)) origin = candidate;
    } catch {
      // keep the app's own origin
    }
  }
  const nonce = (req.cookies as Record<string, string> | undefined)?.[
    `${providerId}-nonce`
  ];
  return { origin, ok: Boolean(nonce) && nonce === state.nonce };
}

/**
 * Wraps a provider factory so that a callback whose OAuth state does not
 * match a sign-in started in this browser (tampered, replayed from another
 * browser, or with the nonce cookie gone) is answered in the sign-in window
 * with a clear message, instead of a bare JSON error page.
 */
export function withStateCheckedCallback(
  factory: AuthProviderFactory,
): AuthProviderFactory {
  return options => {
    const handlers = factory(options);
    const appOrigin = new URL(options.appUrl).origin;
    const refuse = (res: Response, origin: string, message: string) =>
      sendWebMessageResponse(res, origin, {
        type: 'authorization_response',
        error: { name: 'NotAllowedError', message },
      });
    const wrapped: AuthProviderRouteHandlers = {
      start: (req, res) => handlers.start(req, res),
      async frameHandler(req, res) {
        const { origin, ok } = checkState(
          req,
          options.providerId,
          appOrigin,
          options.isOriginAllowed,
        );
        if (!ok) {
          refuse(res, origin, STATE_MISMATCH_MESSAGE);
          return;
        }
        try {
          await handlers.frameHandler(req, res);
        } catch (error) {
          if (res.headersSent) throw error;
          refuse(
            res,
            origin,
            `Sign-in with GitHub failed: ${
              isError(error) ? error.message : String(error)
            }. Choose "Sign in" to try again.`,
          );
        }
      },
    };
    if (handlers.refresh)
      wrapped.refresh = (req, res) => handlers.refresh!(req, res);
    if (handlers.logout)
      wrapped.logout = (req, res) => handlers.logout!(req, res);
    return wrapped;
  };
}
