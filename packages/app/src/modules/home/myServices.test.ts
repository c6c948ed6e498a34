/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { ArgoCdEntityStatus } from '@internal/plugin-argocd';
import {
  argoCdProblem,
  deploymentSummary,
  myServicesQuery,
} from './myServices';

const status = (
  sync: string,
  health: string,
  phase = 'Succeeded',
): ArgoCdEntityStatus => ({
  instance: 'eks',
  appName: 'orders',
  url: 'https://argocd.example.test/applications/orders',
  sync: { status: sync },
  health: { status: health },
  lastSync: { phase },
  history: [],
  fetchedAt: '2026-12-01T10:00:00Z',
});

describe('myServicesQuery', () => {
  it("asks for components owned by the user's ownership references", () => {
    const query = myServicesQuery([
      'user:default/minji-park',
      'group:default/platform',
    ]);
    expect(query.filter).toEqual({
      kind: 'component',
      'relations.ownedBy': [
        'user:default/minji-park',
        'group:default/platform',
      ],
    });
    expect(query.fields).toContain('metadata.annotations');
    expect(query.limit).toBe(20);
  });
});

describe('deploymentSummary', () => {
  it('is good only when synced and healthy', () => {
    expect(deploymentSummary(status('Synced', 'Healthy'))).toEqual({
      level: 'ok',
      text: 'Synced · Healthy',
    });
    expect(deploymentSummary(status('OutOfSync', 'Healthy')).level).toBe(
      'warning',
    );
    expect(deploymentSummary(status('Synced', 'Progressing')).level).toBe(
      'pending',
    );
    expect(deploymentSummary(status('Synced', 'Missing')).level).toBe(
      'warning',
    );
  });

  it('is an error when degraded or when the last sync failed', () => {
    expect(deploymentSummary(status('Synced', 'Degraded')).level).toBe('error');
    expect(deploymentSummary(status('Synced', 'Healthy', 'Failed'))).toEqual({
      level: 'error',
      text: 'Synced · Healthy · sync failed',
    });
  });
});

describe('argoCdProblem', () => {
  const withStatus = (statusCode: number) =>
    Object.assign(new Error('x'), { statusCode });
  it('tells a missing Application from Argo CD being down', () => {
    expect(argoCdProblem(withStatus(404))).toBe('no Argo CD Application');
    expect(argoCdProblem(withStatus(403))).toBe('Argo CD status not allowed');
    expect(argoCdProblem(withStatus(503))).toBe('Argo CD status unavailable');
    expect(argoCdProblem(new TypeError('Failed to fetch'))).toBe(
      'Argo CD status unavailable',
    );
  });
});
