/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createExternalTokenHandler,
  externalTokenHandlersServiceRef,
} from '@backstage/backend-defaults/auth';
import { timingSafeEqual } from 'node:crypto';

/** The external access type this package adds to `backend.auth.externalAccess`. */
export const OPTIONAL_STATIC_TOKEN_TYPE = 'optional-static';

const MIN_TOKEN_LENGTH = 16;

/**
 * Values that only stand in for a real token: the placeholders of
 * deploy/overlays/standalone/secrets.yaml (`change-me-…`) and their kin.
 */
const PLACEHOLDER =
  /change[-_ ]?me|replace[-_ ]?me|placeholder|dummy|example|todo|not[-_ ]?a[-_ ]?secret|^x{3,}$|^<.*>$/i;

/** Whether a token value is a placeholder rather than a secret. */
export function isPlaceholderToken(token: string): boolean {
  return PLACEHOLDER.test(token);
}

type Context = { token: Buffer; subject: string } | undefined;

/**
 * Like Backstage's `static` external access type, except that an empty token
 * means "no token": the entry then accepts nothing. This lets one config file
 * say `token: ${PORTAL_API_TOKEN:-}` so the static token exists exactly when
 * the variable is set. Tokens are compared in constant time. In production
 * (`NODE_ENV=production`) a placeholder value such as `change-me-…` is
 * refused at start, so a copied example never becomes a working credential.
 */
export const optionalStaticTokenHandler = createExternalTokenHandler<Context>({
  type: OPTIONAL_STATIC_TOKEN_TYPE,
  initialize({ options }) {
    const token = options.getOptionalString('token') ?? '';
    const subject = options.getString('subject');
    if (!/^\S+$/.test(subject)) {
      throw new Error(
        `Illegal subject '${subject}' for ${OPTIONAL_STATIC_TOKEN_TYPE} external access, must be non-space characters`,
      );
    }
    if (token === '') {
      return undefined;
    }
    if (!/^\S+$/.test(token) || token.length < MIN_TOKEN_LENGTH) {
      // Never echo the token itself.
      throw new Error(
        `The static access token for subject '${subject}' must be at least ${MIN_TOKEN_LENGTH} non-space characters`,
      );
    }
    if (process.env.NODE_ENV === 'production' && isPlaceholderToken(token)) {
      throw new Error(
        `The static access token for subject '${subject}' is a placeholder (such as change-me-…), refused in production: set a random value, e.g. openssl rand -hex 32`,
      );
    }
    return { token: Buffer.from(token), subject };
  },
  async verifyToken(token, context) {
    if (!context) {
      return undefined;
    }
    const given = Buffer.from(token);
    if (
      given.length === context.token.length &&
      timingSafeEqual(given, context.token)
    ) {
      return { subject: context.subject };
    }
    return undefined;
  },
});

/** Registers {@link optionalStaticTokenHandler} with the auth service. */
export const optionalStaticTokenServiceFactory = createServiceFactory({
  service: externalTokenHandlersServiceRef,
  deps: {},
  factory: () => optionalStaticTokenHandler,
});
