/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleArgoCd } from './module';

describe('scaffolderModuleArgoCd', () => {
  it('registers argocd:app:create, argocd:app:wait and argocd:app:checkAvailable', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleArgoCd,
        mockServices.rootConfig.factory({
          data: {
            argocd: {
              instances: [
                {
                  name: 'production',
                  url: 'https://argocd.example.test',
                  token: 'x',
                },
              ],
            },
          },
        }),
      ],
    });
    const ids = addActions.mock.calls.flat().map((a: { id: string }) => a.id);
    expect(ids).toEqual([
      'argocd:app:create',
      'argocd:app:wait',
      'argocd:app:checkAvailable',
    ]);
  });

  it('fails at startup on a malformed instance instead of at the first template run', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        ],
        features: [
          scaffolderModuleArgoCd,
          mockServices.rootConfig.factory({
            data: {
              argocd: {
                instances: [
                  { name: 'production', url: 'https://argocd.example.test' },
                ],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/token/);
  });
});
