/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { toEntityStatus } from './applicationStatus';
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
      deployments: [],
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
    expect(result.deployments).toEqual([
      {
        revision: '1111111',
        deployStartedAt: '2026-11-27T09:59:00Z',
        deployedAt: '2026-11-27T10:00:00Z',
      },
      {
        revision: '0000000',
        deployStartedAt: undefined,
        deployedAt: '2026-11-26T09:00:00Z',
      },
    ]);
  });

  it('keeps only the last five deployments, newest first', () => {
    const history = Array.from({ length: 7 }, (_, i) => ({
      id: i + 1,
      revision: `rev${i + 1}`,
      deployedAt: `2026-11-2${i}T10:00:00Z`,
    }));
    const result = toEntityStatus(withStatus({ history }), context);
    expect(result.deployments.map(d => d.revision)).toEqual([
      'rev7',
      'rev6',
      'rev5',
      'rev4',
      'rev3',
    ]);
  });

  it('says Unknown and never synced for an Application without status', () => {
    const app = syncedApplication('shop-api');
    const result = toEntityStatus({ ...app, status: undefined }, context);
    expect(result.sync).toEqual({ status: 'Unknown', revision: undefined });
    expect(result.health).toEqual({ status: 'Unknown', message: undefined });
    expect(result.lastSync).toBeNull();
    expect(result.deployments).toEqual([]);
  });
});
