/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';
import { tenancyModule } from './modules/tenancy';

// Plugins come from package.json (`app.packages: all`); these modules hold
// the Launchpad-specific extensions.
export default createApp({
  features: [navModule, homeModule, signInModule, tenancyModule],
});
