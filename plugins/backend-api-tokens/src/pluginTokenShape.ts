/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  PluginTokenHandler,
  pluginTokenHandlerDecoratorServiceRef,
} from '@backstage/backend-defaults/auth';

/**
 * Whether a token has one of the two shapes Backstage's plugin token handler
 * can decode: a compact JWS (three dot-separated parts) or JWE (five).
 */
export function hasJwtShape(token: string): boolean {
  const parts = token.split('.').length;
  return parts === 3 || parts === 5;
}

/**
 * The plugin token handler, answering "not a plugin token" at once for a
 * token of any other shape, such as the static API tokens. The default
 * handler gives the same answer, but only after `jose` has thrown and caught
 * two errors for it (each capturing a stack trace): the auth service asks it
 * first for every request.
 */
export function skipTokensWithoutJwtShape(
  handler: PluginTokenHandler,
): PluginTokenHandler {
  return {
    verifyToken: async token =>
      hasJwtShape(token) ? handler.verifyToken(token) : undefined,
    issueToken: options => handler.issueToken(options),
  };
}

/** Decorates every plugin's token handler with {@link skipTokensWithoutJwtShape}. */
export const pluginTokenShapeServiceFactory = createServiceFactory({
  service: pluginTokenHandlerDecoratorServiceRef,
  deps: {},
  factory: () => skipTokensWithoutJwtShape,
});
