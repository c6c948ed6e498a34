/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleFastapi } from './module';

describe('scaffolderModuleFastapi', () => {
  it('registers fastapi:openapi:write', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleFastapi,
        mockServices.rootConfig.factory({
          data: { launchpad: { fastapi: { python: '/usr/bin/python3' } } },
        }),
      ],
    });
    const ids = addActions.mock.calls.flat().map((a: { id: string }) => a.id);
    expect(ids).toEqual(['fastapi:openapi:write']);
  });
});
