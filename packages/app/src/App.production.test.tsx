/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { render, screen } from '@testing-library/react';
import App from './App';
import { setAppConfig } from './testConfig';

describe('App in production', () => {
  it('offers GitHub sign-in and no guest sign-in', async () => {
    setAppConfig(['github']);
    render(App.createRoot());
    await screen.findByText(
      'Sign in with GitHub (members of the organization only)',
      undefined,
      { timeout: 20000 },
    );
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
