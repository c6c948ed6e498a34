/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createTenancyCheckAction } from './checkTenancy';
import { examples } from './checkTenancy.examples';
import { tenancyService } from '../__testUtils__/tenancy';

const action = createTenancyCheckAction({ tenancy: tenancyService() });
const stepInput = (index: number) =>
  yaml.parse(examples[index].example).steps[0].input;

describe('launchpad:tenancy:check examples', () => {
  it(`${examples[0].description}`, async () => {
    const ctx = createMockActionContext({
      input: stepInput(0),
      user: { ref: 'user:default/sora' },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('project', 'team-payments');
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'eks');
    // The example's next step reads exactly these outputs.
    const next = yaml.parse(examples[0].example).steps[1].input;
    expect(next.project).toBe("${{ steps['check-tenancy'].output.project }}");
  });

  it(`${examples[1].description}`, async () => {
    // payments may not be internet-facing in the test config; platform may.
    const refused = createMockActionContext({
      input: stepInput(1),
      user: { ref: 'user:default/sora' },
    });
    await expect(action.handler(refused)).rejects.toThrow(/internet-facing/);
    const ctx = createMockActionContext({
      input: {
        ...stepInput(1),
        owner: 'group:default/platform',
        namespace: 'platform',
      },
      user: { ref: 'user:default/minji' },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'ingressHost',
      'orders-api.platform.apps.example.com',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'ingressGroupName',
      'launchpad-platform-public',
    );
  });
});
