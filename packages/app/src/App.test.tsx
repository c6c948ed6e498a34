/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { render, screen } from '@testing-library/react';
import App from './App';
import { signInProviders, githubProvider } from './modules/signIn/SignInPage';

function withConfig(providers: string[]) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Launchpad' },
          backend: { baseUrl: 'http://localhost:7007' },
          launchpad: { signIn: { providers } },
          techdocs: {
            storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
          },
        },
        context: 'test',
      },
    ] as any,
  };
}

describe('App', () => {
  const env = process.env;
  afterEach(() => {
    process.env = env;
  });

  it('shows GitHub and guest sign-in when both are configured', async () => {
    withConfig(['github', 'guest']);
    render(App.createRoot());
    expect(
      await screen.findByText(
        'Sign in with GitHub (members of the organization only)',
        undefined,
        { timeout: 20000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
  });

  it('offers no guest sign-in when only GitHub is configured', async () => {
    withConfig(['github']);
    render(App.createRoot());
    await screen.findByText(
      'Sign in with GitHub (members of the organization only)',
      undefined,
      { timeout: 20000 },
    );
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});

describe('signInProviders', () => {
  it('maps configured ids to providers in order', () => {
    expect(signInProviders(['guest', 'github'])).toEqual([
      'guest',
      githubProvider,
    ]);
  });

  it('falls back to GitHub and ignores unknown ids', () => {
    expect(signInProviders(['okta'])).toEqual([githubProvider]);
  });
});
