/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { githubOrgAuthenticator } from './authenticator';
import { withStateCheckedCallback } from './frameGuard';
import { userIdMatchingUserEntityAnnotation } from './resolver';

/**
 * The `github` auth provider with org-only sign-in. Replaces
 * `@backstage/plugin-auth-backend-module-github-provider`'s module (same
 * provider id, same authenticator, same config under auth.providers.github),
 * with sign-in failures explained to the person signing in.
 */
export const authModuleGithubOrgProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'github-org-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'github',
          // A callback that does not match a sign-in started in this
          // browser gets a clear message in the sign-in window.
          factory: withStateCheckedCallback(
            createOAuthProviderFactory({
              // GitHub's authenticator, with failures explained to the user.
              authenticator: githubOrgAuthenticator,
              // Only the org-member resolver: e-mail or username matching
              // could let someone outside the organization in.
              signInResolverFactories: { userIdMatchingUserEntityAnnotation },
            }),
          ),
        });
      },
    });
  },
});
