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

type Context = { token: Buffer; subject: string } | undefined;

/**
 * Like Backstage's `static` external access type, except that an empty token
 * means "no token": the entry then accepts nothing. This lets one config file
 * say `token: ${PORTAL_API_TOKEN:-}` so the static token exists exactly when
 * the variable is set. Tokens are compared in constant time.
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
