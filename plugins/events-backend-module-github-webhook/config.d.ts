/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export interface Config {
  events?: {
    modules?: {
      github?: {
        /**
         * Secret of the GitHub organization webhook: deliveries to
         * POST /api/events/http/github must carry its X-Hub-Signature-256.
         * Unset (and no GitHub App webhookSecret): the endpoint is off.
         * @visibility secret
         */
        webhookSecret?: string;
      };
    };
  };
}
