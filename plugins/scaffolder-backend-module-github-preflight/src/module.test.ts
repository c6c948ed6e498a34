/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleGithubPreflight } from './module';

describe('scaffolderModuleGithubPreflight', () => {
  it('registers github:repo:checkAvailable', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleGithubPreflight,
        mockServices.rootConfig.factory({
          data: { integrations: { github: [{ host: 'github.com' }] } },
        }),
      ],
    });
    const ids = addActions.mock.calls.flat().map((a: { id: string }) => a.id);
    expect(ids).toEqual(['github:repo:checkAvailable']);
  });
});
