/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Test helper: records every request msw sees, and checks that each
 * Application body sent to Argo CD conforms to the contract.
 */

import { SetupServer } from 'msw/node';
import { applicationContractErrors } from './contract';

export interface RecordedRequest {
  method: string;
  url: URL;
  authorization: string | null;
  body?: any;
}

/**
 * Starts recording requests on `worker` for the current test; call the
 * returned `verify` (done automatically in `afterEach`) to assert contract
 * conformance of every Application body.
 */
export function recordArgoCdRequests(worker: SetupServer) {
  const requests: RecordedRequest[] = [];
  const pending: Promise<void>[] = [];

  beforeEach(() => {
    requests.length = 0;
    worker.events.on('request:start', ({ request }) => {
      const clone = request.clone();
      pending.push(
        clone.text().then((text: string) => {
          requests.push({
            method: request.method,
            url: new URL(request.url),
            authorization: request.headers.get('authorization'),
            body: text ? JSON.parse(text) : undefined,
          });
        }),
      );
    });
  });

  afterEach(async () => {
    worker.events.removeAllListeners();
    await Promise.all(pending.splice(0));
    for (const req of requests) {
      if (
        (req.method === 'POST' || req.method === 'PUT') &&
        /^\/api\/v1\/applications(\/[^/]+)?$/.test(req.url.pathname)
      ) {
        expect({
          request: `${req.method} ${req.url.pathname}`,
          errors: applicationContractErrors(req.body),
        }).toEqual({
          request: `${req.method} ${req.url.pathname}`,
          errors: [],
        });
      }
    }
  });

  return {
    requests,
    /** Waits until bodies of all requests seen so far are read. */
    async settled() {
      await Promise.all(pending);
      return requests;
    },
  };
}
