/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { commitUrl, toEntityStatus } from './applicationStatus';
import { syncedApplication } from '../__testUtils__/fixtures';

const context = {
  instance: 'production',
  appName: 'shop-api',
  url: 'https://argocd.example.test/applications/shop-api',
  fetchedAt: new Date('2026-11-27T10:06:00.000Z'),
};

function withStatus(status: object) {
  const app = syncedApplication('shop-api');
  return { ...app, status: status as any };
}

describe('toEntityStatus', () => {
  it('reports a running sync without a finish time', () => {
    const result = toEntityStatus(
      withStatus({
        sync: { status: 'OutOfSync' },
        health: { status: 'Progressing' },
        operationState: {
          phase: 'Running',
          message: 'one or more tasks are running',
          startedAt: '2026-11-27T10:05:50Z',
          operation: { sync: { revision: 'main' } },
        },
      }),
      context,
    );
    expect(result).toEqual({
      ...context,
      fetchedAt: '2026-11-27T10:06:00.000Z',
      sync: { status: 'OutOfSync', revision: undefined },
      health: { status: 'Progressing', message: undefined },
      lastSync: {
        phase: 'Running',
        startedAt: '2026-11-27T10:05:50Z',
        finishedAt: undefined,
        message: 'one or more tasks are running',
        revision: 'main',
      },
      // The running sync is the newest deployment, not yet in the history.
      history: [
        {
          revision: 'main',
          commitUrl: undefined,
          startedAt: '2026-11-27T10:05:50Z',
          finishedAt: undefined,
          initiatedBy: undefined,
          result: 'Running',
        },
      ],
    });
  });

  it('keeps a failed sync’s message and the health message', () => {
    const result = toEntityStatus(
      withStatus({
        sync: { status: 'OutOfSync', revision: 'abc123' },
        health: {
          status: 'Degraded',
          message: 'Deployment "shop-api" exceeded its progress deadline',
        },
        operationState: {
          phase: 'Failed',
          message: 'one or more objects failed to apply',
          startedAt: '2026-11-27T10:00:00Z',
          finishedAt: '2026-11-27T10:00:05Z',
          syncResult: { revision: 'abc123' },
        },
      }),
      context,
    );
    expect(result.health).toEqual({
      status: 'Degraded',
      message: 'Deployment "shop-api" exceeded its progress deadline',
    });
    expect(result.lastSync).toEqual({
      phase: 'Failed',
      startedAt: '2026-11-27T10:00:00Z',
      finishedAt: '2026-11-27T10:00:05Z',
      message: 'one or more objects failed to apply',
      revision: 'abc123',
    });
  });

  it('reads multi-source revisions and falls back to the deployment history', () => {
    const result = toEntityStatus(
      withStatus({
        sync: { status: 'Synced', revisions: ['1111111', '2222222'] },
        health: { status: 'Healthy' },
        history: [
          { id: 1, revisions: ['0000000'], deployedAt: '2026-11-26T09:00:00Z' },
          {
            id: 2,
            revisions: ['1111111', '2222222'],
            deployStartedAt: '2026-11-27T09:59:00Z',
            deployedAt: '2026-11-27T10:00:00Z',
          },
        ],
      }),
      context,
    );
    expect(result.sync).toEqual({ status: 'Synced', revision: '1111111' });
    expect(result.lastSync).toEqual({
      phase: 'Succeeded',
      startedAt: '2026-11-27T09:59:00Z',
      finishedAt: '2026-11-27T10:00:00Z',
      revision: '1111111',
    });
  });

  it('lists the deployment history newest first, linking full commit SHAs to GitHub', () => {
    const sha = (n: number) => String(n).repeat(40);
    const result = toEntityStatus(
      withStatus({
        sync: { status: 'OutOfSync', revision: sha(3) },
        health: { status: 'Degraded', message: 'apply failed' },
        operationState: {
          phase: 'Failed',
          message: 'one or more objects failed to apply',
          startedAt: '2026-11-27T11:00:00Z',
          finishedAt: '2026-11-27T11:00:04Z',
          operation: { initiatedBy: { username: 'minji-park' } },
          syncResult: { revision: sha(3) },
        },
        history: [1, 2, 3, 4, 5, 6].map(id => ({
          id,
          revision: id === 6 ? 'not-a-sha' : sha(id % 3 || 9),
          deployStartedAt: `2026-11-2${id}T09:59:00Z`,
          deployedAt: `2026-11-2${id}T10:00:00Z`,
          initiatedBy: { automated: true },
        })),
      }),
      context,
    );
    expect(result.history.map(h => [h.id, h.result, h.initiatedBy])).toEqual([
      [undefined, 'Failed', 'minji-park'],
      [6, 'Succeeded', 'automated'],
      [5, 'Succeeded', 'automated'],
      [4, 'Succeeded', 'automated'],
      [3, 'Succeeded', 'automated'],
    ]);
    expect(result.history[0].commitUrl).toBe(
      `https://github.com/acme/shop-api/commit/${sha(3)}`,
    );
    expect(result.history[1].commitUrl).toBeUndefined();
    expect(result.history[2]).toEqual({
      id: 5,
      revision: sha(2),
      commitUrl: `https://github.com/acme/shop-api/commit/${sha(2)}`,
      startedAt: '2026-11-25T09:59:00Z',
      finishedAt: '2026-11-25T10:00:00Z',
      initiatedBy: 'automated',
      result: 'Succeeded',
    });
  });

  it('links only https repositories with an owner and a name', () => {
    const sha = 'a'.repeat(40);
    expect(
      commitUrl('http://localhost:3300/launchpad-demo/orders.git', sha),
    ).toBe(`http://localhost:3300/launchpad-demo/orders/commit/${sha}`);
    expect(commitUrl('git@github.com:acme/orders.git', sha)).toBeUndefined();
    expect(commitUrl('https://github.com/acme', sha)).toBeUndefined();
    expect(commitUrl('https://github.com/acme/orders', 'main')).toBeUndefined();
  });

  it('says Unknown and never synced for an Application without status', () => {
    const app = syncedApplication('shop-api');
    const result = toEntityStatus({ ...app, status: undefined }, context);
    expect(result.sync).toEqual({ status: 'Unknown', revision: undefined });
    expect(result.health).toEqual({ status: 'Unknown', message: undefined });
    expect(result.lastSync).toBeNull();
    expect(result.history).toEqual([]);
  });
});
