/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  SignInPage as CoreSignInPage,
  SignInProviderConfig,
} from '@backstage/core-components';
import {
  configApiRef,
  githubAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/core-plugin-api';

export const githubProvider: SignInProviderConfig = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with GitHub (members of the organization only)',
  apiRef: githubAuthApiRef,
};

/**
 * The providers the sign-in page offers, from `launchpad.signIn.providers`.
 * The backend decides which providers exist; the config lists the same ones,
 * so guest only appears where the backend offers guest (local development).
 */
export function signInProviders(
  configured: string[],
): Array<'guest' | SignInProviderConfig> {
  const providers: Array<'guest' | SignInProviderConfig> = [];
  for (const id of configured) {
    if (id === 'github') providers.push(githubProvider);
    else if (id === 'guest') providers.push('guest');
  }
  return providers.length > 0 ? providers : [githubProvider];
}

export const SignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const configured = config.getOptionalStringArray(
    'launchpad.signIn.providers',
  ) ?? ['github'];
  return (
    <CoreSignInPage
      {...props}
      title="Launchpad"
      align="center"
      providers={signInProviders(configured)}
    />
  );
};
