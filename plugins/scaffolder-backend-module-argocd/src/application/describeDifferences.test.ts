/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { buildApplication } from './buildApplication';
import { describeDifferences } from './describeDifferences';

const desired = buildApplication({
  appName: 'orders-api',
  project: 'payments',
  repoUrl: 'https://github.com/launchpad-demo/orders-api.git',
  path: 'deploy/overlays/dev',
  destinationName: 'launchpad',
  namespace: 'payments',
  automatedSync: true,
  labels: { team: 'payments', tier: 'backend' },
});

describe('describeDifferences', () => {
  it('finds none when only the order of labels and defaults differ', () => {
    const existing = structuredClone(desired);
    existing.metadata.labels = { tier: 'backend', team: 'payments' };
    existing.spec.syncPolicy = {
      automated: { prune: false, selfHeal: false, enabled: true },
    };
    expect(describeDifferences(desired, existing)).toEqual([]);
  });

  it('names each differing field with what it is and what was wanted', () => {
    const existing = structuredClone(desired);
    existing.spec.project = 'platform';
    existing.spec.source!.path = 'deploy/overlays/prod';
    existing.spec.syncPolicy = {
      automated: { prune: true, selfHeal: false, enabled: false },
    };
    expect(describeDifferences(desired, existing)).toEqual([
      'project is "platform", wanted "payments"',
      'source.path is "deploy/overlays/prod", wanted "deploy/overlays/dev"',
      'syncPolicy.automated is null, wanted {"prune":false,"selfHeal":false}',
    ]);
  });
});
