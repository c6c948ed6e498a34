/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ArgoCdContract } from './contract';

describe('ArgoCdContract', () => {
  const contract = ArgoCdContract.load();
  const app = {
    metadata: { name: 'a' },
    spec: {
      project: 'default',
      destination: { name: 'in-cluster', namespace: 'a' },
    },
  };

  it('accepts a minimal Application', () => {
    expect(contract.validateApplication(app)).toEqual({ valid: true });
    expect(contract.validateApplication(app, 'request')).toEqual({
      valid: true,
    });
  });

  it('rejects unknown fields in spec and status', () => {
    const result = contract.validateApplication({
      ...app,
      status: { sync: { status: 'Synced', colour: 'green' } },
    });
    expect(result).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        'swagger: /status/sync: unknown field "colour"',
      ]),
    });
  });

  it('applies the CRD’s required fields and the swagger types', () => {
    const result = contract.validateApplication({
      metadata: { name: 'a', labels: { x: 1 } },
      spec: { project: 'default' },
      status: { operationState: { phase: 'Running' } },
    });
    expect(result.valid).toBe(false);
    const errors = (result as { errors: string[] }).errors.join('\n');
    expect(errors).toContain(
      "crd: /spec: must have required property 'destination'",
    );
    expect(errors).toContain(
      "crd: /status/operationState: must have required property 'operation'",
    );
    expect(errors).toContain('swagger: /metadata/labels/x: must be string');
  });

  it('checks date-time fields', () => {
    const result = contract.validateDefinition('v1alpha1AppHealthStatus', {
      status: 'Healthy',
      lastTransitionTime: 'yesterday',
    });
    expect(result.valid).toBe(false);
  });

  it('refuses to validate against a definition that does not exist', () => {
    expect(() => contract.validateDefinition('v1alpha1Nope', {})).toThrow(
      'Unknown swagger definition',
    );
  });
});
