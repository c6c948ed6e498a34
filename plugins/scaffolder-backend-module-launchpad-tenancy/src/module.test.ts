/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleLaunchpadTenancy } from './module';
import { entities, tenancyData } from './__testUtils__/tenancy';

describe('scaffolderModuleLaunchpadTenancy', () => {
  it('registers launchpad:tenancy:check', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleLaunchpadTenancy,
        mockServices.rootConfig.factory({ data: tenancyData }),
        catalogServiceMock.factory({ entities }),
      ],
    });
    expect(
      addActions.mock.calls.flat().map((a: { id: string }) => a.id),
    ).toEqual(['launchpad:tenancy:check']);
  });

  it('refuses to start on invalid tenancy rules', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        ],
        features: [
          scaffolderModuleLaunchpadTenancy,
          mockServices.rootConfig.factory({
            data: {
              launchpad: {
                tenancy: {
                  ...tenancyData.launchpad.tenancy,
                  teams: [{ group: 'payments', namespaces: ['kube-system'] }],
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities }),
        ],
      }),
    ).rejects.toThrow(/overlaps the reserved namespace 'kube-\*'/);
  });
});
