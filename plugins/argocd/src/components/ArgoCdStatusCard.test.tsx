/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { ArgoCdApi, argoCdApiRef } from '../api';
import {
  entity,
  syncedStatus,
  unavailableError,
} from '../__testUtils__/fixtures';
import { ArgoCdStatusCard } from './ArgoCdStatusCard';

function renderCard(api: ArgoCdApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ArgoCdStatusCard />
    </EntityProvider>,
    { apis: [[argoCdApiRef, api]] },
  );
}

describe('ArgoCdStatusCard', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows Synced, Healthy, the last sync, the short revision and the Argo CD link', async () => {
    const getEntityStatus = jest.fn().mockResolvedValue(syncedStatus());
    renderCard({ getEntityStatus });

    expect(await screen.findByText('Synced')).toBeInTheDocument();
    expect(screen.getByText('Argo CD')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText(/5 minutes ago/)).toBeInTheDocument();
    const revision = screen.getByText('8f3c2e1');
    expect(revision).toHaveAttribute(
      'title',
      '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    );
    expect(
      screen.getByRole('link', { name: /Open in Argo CD/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.example.test/applications/shop-api',
    );
    expect(getEntityStatus).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'shop-api' },
      expect.objectContaining({ signal: expect.anything() }),
    );
  });

  it('shows a loading state until the status arrives', async () => {
    renderCard({ getEntityStatus: () => new Promise(() => {}) });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('Synced')).not.toBeInTheDocument();
  });

  it('shows OutOfSync, Degraded and a failed sync with Argo CD’s message', async () => {
    renderCard({
      getEntityStatus: async () =>
        syncedStatus({
          sync: { status: 'OutOfSync', revision: 'v1.4.2' },
          health: {
            status: 'Degraded',
            message: 'Deployment "shop-api" exceeded its progress deadline',
          },
          lastSync: {
            phase: 'Failed',
            finishedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
            message: 'one or more objects failed to apply',
            revision: 'v1.4.2',
          },
        }),
    });
    expect(await screen.findByText('OutOfSync')).toBeInTheDocument();
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByText('Deployment "shop-api" exceeded its progress deadline'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Failed: one or more objects failed to apply'),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 hours ago/)).toBeInTheDocument();
    expect(screen.getByText('v1.4.2')).toBeInTheDocument();
  });

  it('shows "Argo CD unavailable" with the backend’s message on error', async () => {
    const message =
      'Argo CD is unavailable: Could not read Application "shop-api" on Argo CD instance "production" after 2 attempts: fetch failed (ECONNREFUSED)';
    renderCard({
      getEntityStatus: async () => {
        throw await unavailableError(message);
      },
    });
    expect(await screen.findByText('Argo CD unavailable')).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.queryByText('Synced')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Open in Argo CD/ })).toBeNull();
  });

  it('says the backend could not be reached when the request itself fails', async () => {
    renderCard({
      getEntityStatus: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await screen.findByText('Argo CD unavailable')).toBeInTheDocument();
    expect(
      screen.getByText('Could not reach the portal backend: Failed to fetch'),
    ).toBeInTheDocument();
  });

  it('refreshes every 30 seconds and drops the old status when Argo CD goes down', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const getEntityStatus = jest
      .fn()
      .mockResolvedValueOnce(syncedStatus())
      .mockResolvedValueOnce(
        syncedStatus({ sync: { status: 'OutOfSync', revision: 'abc' } }),
      )
      .mockImplementation(async () => {
        throw await unavailableError('Argo CD is unavailable: HTTP 502');
      });
    renderCard({ getEntityStatus });

    expect(await screen.findByText('Synced')).toBeInTheDocument();
    expect(getEntityStatus).toHaveBeenCalledTimes(1);

    await act(async () => {
      await jest.advanceTimersByTimeAsync(29_000);
    });
    expect(getEntityStatus).toHaveBeenCalledTimes(1);

    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_000);
    });
    await waitFor(() =>
      expect(screen.getByText('OutOfSync')).toBeInTheDocument(),
    );
    expect(getEntityStatus).toHaveBeenCalledTimes(2);

    await act(async () => {
      await jest.advanceTimersByTimeAsync(30_000);
    });
    await waitFor(() =>
      expect(screen.getByText('Argo CD unavailable')).toBeInTheDocument(),
    );
    expect(
      screen.getByText('Argo CD is unavailable: HTTP 502'),
    ).toBeInTheDocument();
    expect(screen.queryByText('OutOfSync')).not.toBeInTheDocument();
    expect(screen.queryByText('Synced')).not.toBeInTheDocument();
  });
});
