/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { render, screen } from '@testing-library/react';
import App from './App';
import { signInProviders, githubProvider } from './modules/signIn/SignInPage';
import { setAppConfig } from './testConfig';

// Local development: the backend offers GitHub and guest.
// (App.production.test.tsx covers GitHub only; the app reads config once.)
describe('App in local development', () => {
  it('shows GitHub and guest sign-in when both are configured', async () => {
    setAppConfig(['github', 'guest']);
    render(App.createRoot());
    expect(
      await screen.findByText(
        'Sign in with GitHub (members of the organization only)',
        undefined,
        { timeout: 20000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getAllByText('Launchpad').length).toBeGreaterThan(0);
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
