/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import { summarizePods } from './podSummary';

const pod = (
  name: string,
  phase: string,
  containers: Array<{ ready: boolean; restartCount: number; waiting?: string }>,
) => ({
  metadata: { name },
  status: {
    phase,
    containerStatuses: containers.map(c => ({
      ready: c.ready,
      restartCount: c.restartCount,
      state: c.waiting ? { waiting: { reason: c.waiting } } : { running: {} },
    })),
  },
});

const response = (
  pods: object[],
  errors: ObjectsByEntityResponse['items'][0]['errors'] = [],
) =>
  ({
    items: [
      {
        cluster: { name: 'eks' },
        resources: [
          { type: 'pods', resources: pods },
          { type: 'deployments', resources: [{ metadata: { name: 'x' } }] },
        ],
        podMetrics: [],
        errors,
      },
    ],
  } as unknown as ObjectsByEntityResponse);

describe('summarizePods', () => {
  it('counts ready pods and restarts', () => {
    expect(
      summarizePods(
        response([
          pod('orders-1', 'Running', [{ ready: true, restartCount: 0 }]),
          pod('orders-2', 'Running', [{ ready: true, restartCount: 0 }]),
        ]),
      ),
    ).toEqual([
      {
        cluster: 'eks',
        pods: 2,
        ready: 2,
        restarts: 0,
        problems: [],
        errors: [],
      },
    ]);
  });

  it('names the pods that are not ready and why', () => {
    const [summary] = summarizePods(
      response([
        pod('orders-1', 'Running', [{ ready: true, restartCount: 1 }]),
        pod('orders-2', 'Running', [
          { ready: false, restartCount: 6, waiting: 'CrashLoopBackOff' },
        ]),
        pod('orders-3', 'Pending', []),
        pod('orders-4', 'Running', [{ ready: false, restartCount: 0 }]),
      ]),
    );
    expect(summary).toMatchObject({ pods: 4, ready: 1, restarts: 7 });
    expect(summary.problems).toEqual([
      { name: 'orders-2', reason: 'CrashLoopBackOff' },
      { name: 'orders-3', reason: 'Pending' },
      { name: 'orders-4', reason: 'NotReady' },
    ]);
  });

  it('reports what the backend could not read', () => {
    const [summary] = summarizePods(
      response(
        [],
        [
          {
            errorType: 'UNAUTHORIZED_ERROR',
            statusCode: 403,
            resourcePath: '/api/v1/pods',
          },
          { errorType: 'FETCH_ERROR', message: 'connect ECONNREFUSED' },
        ],
      ),
    );
    expect(summary.errors).toEqual([
      'UNAUTHORIZED_ERROR (403) reading /api/v1/pods',
      'connect ECONNREFUSED',
    ]);
  });
});
