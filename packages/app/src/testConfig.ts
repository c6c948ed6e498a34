/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** Frontend config for tests, as the app-backend would inject it. */
export function setAppConfig(signInProviders: string[]) {
  process.env = {
    ...process.env,
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Launchpad' },
          backend: { baseUrl: 'http://localhost:7007' },
          launchpad: { signIn: { providers: signInProviders } },
          techdocs: {
            storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
          },
        },
        context: 'test',
      },
    ] as any,
  };
}
