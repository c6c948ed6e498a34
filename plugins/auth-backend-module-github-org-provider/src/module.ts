/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { githubAuthenticator } from '@backstage/plugin-auth-backend-module-github-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { userIdMatchingUserEntityAnnotation } from './resolver';

/**
 * The `github` auth provider with org-only sign-in. Replaces
 * `@backstage/plugin-auth-backend-module-github-provider`'s module (same
 * provider id, same authenticator, same config under auth.providers.github).
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
          factory: createOAuthProviderFactory({
            authenticator: githubAuthenticator,
            // Only the org-member resolver: e-mail or username matching
            // could let someone outside the organization in.
            signInResolverFactories: { userIdMatchingUserEntityAnnotation },
          }),
        });
      },
    });
  },
});
