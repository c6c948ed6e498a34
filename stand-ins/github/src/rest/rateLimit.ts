/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Router, sendJson } from '@internal/stand-in-http';
import { api } from './http';
import type { RestContext } from './context';

/** `GET /rate_limit`. */
export function addRateLimitRoutes(router: Router, ctx: RestContext) {
  const { requireCaller } = ctx;

  router.get(api('/rate_limit'), req => {
    requireCaller(req);
    const reset = Math.ceil(Date.now() / 1000) + 3600;
    const res = { limit: 5000, used: 0, remaining: 5000, reset };
    sendJson(req.res, 200, {
      resources: {
        core: res,
        search: { ...res, limit: 30, remaining: 30 },
        graphql: res,
      },
      rate: res,
    });
  });
}
