/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import { GithubActionsApi, githubActionsApiRef } from '../api';
import { entity, responseError, run, runs } from '../__testUtils__/fixtures';
import { LatestRunsCard } from './LatestRunsCard';

function renderCard(api: GithubActionsApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <LatestRunsCard />
    </EntityProvider>,
    { apis: [[githubActionsApiRef, api]] },
  );
}

describe('LatestRunsCard', () => {
  afterEach(() => jest.useRealTimers());

  it('lists the latest runs of the default branch with status, commit and time', async () => {
    const getRuns = jest.fn().mockResolvedValue(
      runs([
        run({
          id: 2,
          runNumber: 2,
          status: 'in_progress',
          conclusion: null,
          title: 'feat: pagination',
          commit: {
            sha: 'abcdef0123456789abcdef0123456789abcdef01',
            message: 'feat: pagination',
            url: 'https://x/commit/abcdef0',
          },
          createdAt: new Date().toISOString(),
        }),
        run(),
        run({ id: 3, runNumber: 3, conclusion: 'failure', title: 'fix: typo' }),
      ]),
    );
    await renderCard({ getRuns });

    const list = await screen.findByRole(
      'list',
      { name: 'CI runs on main' },
      { timeout: 10_000 },
    );
    const rows = within(list).getAllByTestId('ci-run');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText('In progress')).toBeInTheDocument();
    expect(within(rows[0]).getByText('feat: pagination')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Success')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', {
        name: /^Initial commit from the Launchpad portal/,
      }),
    ).toHaveAttribute(
      'href',
      'https://github.example.test/launchpad-demo/orders-demo/actions/runs/7000001',
    );
    expect(within(rows[1]).getByText('8f3c2e1')).toHaveAttribute(
      'title',
      '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    );
    expect(within(rows[1]).getByText(/ci #1/)).toBeInTheDocument();
    expect(within(rows[1]).getByText('12 minutes ago')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Failure')).toBeInTheDocument();
    expect(
      screen.getByText('GitHub Actions on main of launchpad-demo/orders-demo'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in GitHub/ }),
    ).toHaveAttribute(
      'href',
      'https://github.example.test/launchpad-demo/orders-demo/actions',
    );
    expect(getRuns).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'orders-demo' },
      { limit: 5 },
    );
  });

  it('says when the branch has no runs yet', async () => {
    await renderCard({ getRuns: async () => runs([]) });
    expect(
      await screen.findByText(/No workflow runs on main yet/),
    ).toBeInTheDocument();
  });

  it('shows the backend’s reason when the runs cannot be read', async () => {
    await renderCard({
      getRuns: async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'You are not allowed to read component:default/orders-demo',
        );
      },
    });
    expect(await screen.findByText('Not allowed')).toBeInTheDocument();
    expect(
      screen.getByText(
        'You are not allowed to read component:default/orders-demo',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('refreshes every 30 seconds and drops the old runs when GitHub goes down', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const getRuns = jest
      .fn()
      .mockResolvedValueOnce(runs())
      .mockImplementation(async () => {
        throw await responseError(
          503,
          'ServiceUnavailableError',
          'GitHub (github.com) is unavailable: fetch failed',
        );
      });
    await renderCard({ getRuns });
    expect(await screen.findByText('Success')).toBeInTheDocument();

    await act(async () => {
      await jest.advanceTimersByTimeAsync(30_000);
    });
    await waitFor(() =>
      expect(screen.getByText('GitHub unavailable')).toBeInTheDocument(),
    );
    expect(
      screen.getByText('GitHub (github.com) is unavailable: fetch failed'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Success')).toBeNull();
  });
});
