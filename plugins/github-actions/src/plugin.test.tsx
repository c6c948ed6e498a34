/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import plugin from './index';
import { githubActionsApiRef } from './api';
import { ciEntityContent, latestRunsEntityCard } from './plugin';
import { entity, runs } from './__testUtils__/fixtures';

function withAnnotations(annotations?: Record<string, string>): Entity {
  return { ...entity, metadata: { ...entity.metadata, annotations } };
}

describe('the github-actions frontend plugin', () => {
  it('is the package’s default export, with the card, the tab and the API', () => {
    expect(plugin.id).toBe('github-actions');
    expect(
      plugin.getExtension('entity-card:github-actions/latest-runs'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-content:github-actions/ci'),
    ).toBeDefined();
    expect(plugin.getExtension('api:github-actions')).toBeDefined();
  });

  it('shows the card and the tab only for entities with github.com/project-slug', () => {
    const filters = [
      createExtensionTester(latestRunsEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      )!,
      createExtensionTester(ciEntityContent).get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!,
    ];
    for (const filter of filters) {
      expect(filter(entity)).toBe(true);
      expect(filter(withAnnotations(undefined))).toBe(false);
      expect(
        filter(withAnnotations({ 'argocd/app-name': 'orders-demo' })),
      ).toBe(false);
    }
    expect(
      createExtensionTester(latestRunsEntityCard).get(
        EntityCardBlueprint.dataRefs.type,
      ),
    ).toBe('info');
    expect(
      createExtensionTester(ciEntityContent).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('CI');
  });

  it('renders the card and the tab through their extensions', async () => {
    const api = { getRuns: async () => runs() };
    await renderInTestApp(
      <EntityProvider entity={entity}>
        {createExtensionTester(latestRunsEntityCard).reactElement()}
      </EntityProvider>,
      { apis: [[githubActionsApiRef, api]] },
    );
    expect(await screen.findByText('Success')).toBeInTheDocument();
  });
});
