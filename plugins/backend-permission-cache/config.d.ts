/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

export interface Config {
  permission?: {
    /**
     * Seconds a user's conditional permission decision (what a catalog list
     * or read asks before it queries) is reused by the backend plugin that
     * asked, instead of asking the permission backend again. 0 turns the
     * cache off; at most 60. Default 5.
     */
    conditionalDecisionCacheSeconds?: number;
  };
}
