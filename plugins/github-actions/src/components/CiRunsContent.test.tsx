/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { githubActionsApiRef } from '../api';
import { entity, responseError, run, runs } from '../__testUtils__/fixtures';
import { CiRunsContent } from './CiRunsContent';

describe('CiRunsContent', () => {
  it('lists 30 runs with their workflow, commit, actor and duration', async () => {
    const getRuns = jest
      .fn()
      .mockResolvedValue(
        runs([
          run({ id: 2, runNumber: 2, status: 'queued', conclusion: null }),
          run(),
        ]),
      );
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <CiRunsContent />
      </EntityProvider>,
      { apis: [[githubActionsApiRef, { getRuns }]] },
    );
    expect(
      await screen.findByText(
        'GitHub Actions on main of launchpad-demo/orders-demo',
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Queued')).toBeInTheDocument();
    expect(screen.getByText('Success')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^ci #1/ })).toHaveAttribute(
      'href',
      'https://github.example.test/launchpad-demo/orders-demo/actions/runs/7000001',
    );
    expect(screen.getByText('3 min 0 s')).toBeInTheDocument();
    expect(screen.getAllByText('minji-park')).toHaveLength(2);
    expect(getRuns).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'orders-demo' }),
      { limit: 30 },
    );
  });

  it('explains a missing annotation with the backend’s message', async () => {
    const message =
      'component:default/orders-demo has no github.com/project-slug annotation.';
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <CiRunsContent />
      </EntityProvider>,
      {
        apis: [
          [
            githubActionsApiRef,
            {
              getRuns: async () => {
                throw await responseError(404, 'NotFoundError', message);
              },
            },
          ],
        ],
      },
    );
    expect(
      await screen.findByText('No CI runs', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
  });
});
