/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { githubAuthenticator } from '@backstage/plugin-auth-backend-module-github-provider';
import { createOAuthAuthenticator } from '@backstage/plugin-auth-node';
import { explainRefreshFailure, explainSignInFailure } from './failures';

/**
 * Backstage's GitHub authenticator, unchanged except that failures carry a
 * message for the person signing in (see `explainSignInFailure`).
 */
export const githubOrgAuthenticator = createOAuthAuthenticator({
  defaultProfileTransform: githubAuthenticator.defaultProfileTransform,
  scopes: githubAuthenticator.scopes,
  initialize: ctx => githubAuthenticator.initialize(ctx),
  start: (input, ctx) => githubAuthenticator.start(input, ctx),
  async authenticate(input, ctx) {
    try {
      return await githubAuthenticator.authenticate(input, ctx);
    } catch (error) {
      throw explainSignInFailure(error);
    }
  },
  async refresh(input, ctx) {
    try {
      return await githubAuthenticator.refresh(input, ctx);
    } catch (error) {
      throw explainRefreshFailure(error);
    }
  },
  logout: githubAuthenticator.logout,
});
