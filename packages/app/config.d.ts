/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export interface Config {
  launchpad?: {
    signIn?: {
      /**
       * Sign-in options shown on the sign-in page, in order. Each must also be
       * configured as a provider under `auth.providers` in the backend.
       * @visibility frontend
       */
      providers?: Array<'github' | 'guest'>;
    };
  };
}
