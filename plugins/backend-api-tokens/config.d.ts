/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

export interface Config {
  backend?: {
    auth?: {
      /**
       * External access methods. This package adds the type
       * `optional-static`: like Backstage's `static`, but an empty token
       * (`${PORTAL_API_TOKEN:-}` without the variable) means no token at all.
       */
      externalAccess?: Array<{
        /** `optional-static` for the tokens of this package. */
        type: string;
        options?: {
          /**
           * The token: at least 16 non-space characters; a placeholder
           * (`change-me…`) is refused in production. Empty: no token.
           * @visibility secret
           */
          token?: string;
          /** The subject of the service principal, shown in the audit log. */
          subject?: string;
        };
      }>;
    };
  };
}
