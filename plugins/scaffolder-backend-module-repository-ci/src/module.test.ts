/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleRepositoryCi } from './module';

describe('scaffolderModuleRepositoryCi', () => {
  it('registers github:actions:configure', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleRepositoryCi,
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [{ host: 'github.com' }] },
            launchpad: { repositoryCi: { owners: ['acme'] } },
          },
        }),
      ],
    });
    const ids = addActions.mock.calls.flat().map((a: { id: string }) => a.id);
    expect(ids).toEqual(['github:actions:configure']);
  });
});
