/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { InputError } from '@backstage/errors';
import { appNameProblem, buildApplication } from './buildApplication';

const input = {
  appName: 'orders-api',
  project: 'payments',
  repoUrl: 'https://github.com/launchpad-demo/orders-api.git',
  destinationName: 'launchpad',
  namespace: 'payments',
};

describe('buildApplication', () => {
  it('builds the Application with the defaults filled in', () => {
    expect(buildApplication(input)).toEqual({
      metadata: { name: 'orders-api' },
      spec: {
        project: 'payments',
        source: {
          repoURL: 'https://github.com/launchpad-demo/orders-api.git',
          path: '.',
          targetRevision: 'HEAD',
        },
        destination: { name: 'launchpad', namespace: 'payments' },
      },
    });
  });

  it('adds the sync policy only when asked', () => {
    const app = buildApplication({
      ...input,
      automatedSync: true,
      prune: true,
      createNamespace: true,
    });
    expect(app.spec.syncPolicy).toEqual({
      automated: { prune: true, selfHeal: false },
      syncOptions: ['CreateNamespace=true'],
    });
  });

  it('lists every problem in one InputError', () => {
    let error: unknown;
    try {
      buildApplication({
        ...input,
        appName: 'Orders_API',
        repoUrl: 'github.com?owner=launchpad-demo&repo=orders-api',
        destinationServer: 'https://kubernetes.default.svc',
        namespace: 'Payments',
        prune: true,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain('appName "Orders_API" is not a valid');
    expect(message).toContain('RepoUrlPicker format');
    expect(message).toContain('set only one of destinationServer');
    expect(message).toContain('namespace "Payments"');
    expect(message).toContain('prune and selfHeal only apply');
  });

  it('refuses invalid label keys and values', () => {
    expect(() =>
      buildApplication({ ...input, labels: { 'bad key': 'ok', team: '-x' } }),
    ).toThrow(/label key "bad key".*label "team" has an invalid value "-x"/);
  });
});

describe('appNameProblem', () => {
  it('accepts Kubernetes object names and explains the others', () => {
    expect(appNameProblem('orders-api.v2')).toBeUndefined();
    expect(appNameProblem('-orders')).toMatch(/not a valid Application name/);
    expect(appNameProblem('a'.repeat(254))).toMatch(/at most 253/);
  });
});
