/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { applicationContractErrors } from './contract';

describe('applicationContractErrors', () => {
  const valid = {
    metadata: { name: 'shop-api', labels: { team: 'shop' } },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://github.com/acme/shop-api.git',
        path: '.',
        targetRevision: 'main',
      },
      destination: { name: 'eks-prod', namespace: 'shop' },
      syncPolicy: {
        automated: { prune: true, selfHeal: false },
        syncOptions: ['CreateNamespace=true'],
      },
    },
  };

  it('accepts a conforming Application', () => {
    expect(applicationContractErrors(valid)).toEqual([]);
  });

  it('rejects unknown fields, like Argo CD does', () => {
    const errors = applicationContractErrors({
      ...valid,
      spec: { ...valid.spec, syncPolicy: { automated: { selfheal: true } } },
    });
    expect(errors.join('\n')).toContain('selfheal');
  });

  it('rejects an Application without destination (CRD required field)', () => {
    const { destination: _d, ...spec } = valid.spec;
    expect(applicationContractErrors({ ...valid, spec }).join('\n')).toMatch(
      /crd \/spec must have required property 'destination'/,
    );
  });

  it('rejects wrong types', () => {
    const errors = applicationContractErrors({
      ...valid,
      metadata: { name: 'shop-api', labels: { replicas: 3 } },
    });
    expect(errors.join('\n')).toContain('must be string');
  });
});
