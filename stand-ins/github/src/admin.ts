/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendEmpty, sendJson } from '@internal/stand-in-http';
import type { FaultInjector } from './faults';

/** One line of the request log `GET /_standin/requests` answers with. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: string;
}

/** The stand-in's own endpoints (not GitHub's): health, faults, the request log. */
export function addAdminRoutes(
  router: Router,
  options: {
    url: string;
    org: string;
    faults: FaultInjector;
    requests: LoggedRequest[];
  },
) {
  const { url, org, faults, requests } = options;
  router.get(/^\/_standin\/health$/, req =>
    sendJson(req.res, 200, { status: 'ok', url, org }),
  );
  router.get(/^\/_standin\/faults$/, req =>
    sendJson(req.res, 200, faults.list()),
  );
  router.post(/^\/_standin\/faults$/, async (req: Request) => {
    const body = await req.json();
    const specs = Array.isArray(body?.faults) ? body.faults : [body];
    const added = specs.map((s: any) => faults.add(s));
    sendJson(req.res, 201, added.length === 1 ? added[0] : added);
  });
  router.delete(/^\/_standin\/faults$/, req => {
    faults.clear();
    sendEmpty(req.res);
  });
  router.get(/^\/_standin\/requests$/, req => sendJson(req.res, 200, requests));
  router.delete(/^\/_standin\/requests$/, req => {
    requests.length = 0;
    sendEmpty(req.res);
  });
}
