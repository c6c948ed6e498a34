/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import { Team, TenantOwnerPicker } from './TenantOwnerPicker';

const team = (name: string, internetFacing = false): Team => ({
  group: `group:default/${name}`,
  name,
  project: `team-${name}`,
  clusters: ['eks'],
  namespaces: [name, `${name}-*`],
  ingress: { domains: [`${name}.apps.launchpad.test`], internetFacing },
});

function renderPicker(
  response: { status: number; body: unknown },
  props: { formData?: string; required?: boolean } = {},
) {
  const onChange = jest.fn();
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(response.body), { status: response.status }),
  );
  render(
    <TestApiProvider
      apis={[
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'http://portal.test' }),
        ],
        [fetchApiRef, { fetch }],
      ]}
    >
      <TenantOwnerPicker
        {...({
          onChange,
          formData: props.formData,
          required: props.required ?? true,
          rawErrors: [],
          schema: { title: '소유 팀 (Owner)', type: 'string' },
          uiSchema: {},
          idSchema: { $id: 'root_owner' },
        } as any)}
      />
    </TestApiProvider>,
  );
  return { onChange, fetch };
}

describe('TenantOwnerPicker', () => {
  it("offers only the teams the backend gives the user, and describes the chosen team's rules", async () => {
    const { onChange, fetch } = renderPicker(
      {
        status: 200,
        body: {
          platform: true,
          items: [team('platform', true), team('payments')],
        },
      },
      { formData: 'group:default/payments' },
    );
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith(
        'http://portal.test/api/launchpad-tenancy/v1/teams',
      ),
    );
    expect(
      await screen.findByText(
        'Argo CD team-payments · eks · 네임스페이스 payments, payments-* · *.payments.apps.launchpad.test',
      ),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByLabelText(/소유 팀/));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'platformgroup:default/platform · team-platform',
      'paymentsgroup:default/payments · team-payments',
    ]);
    fireEvent.click(options[0]);
    expect(onChange).toHaveBeenCalledWith('group:default/platform');
  });

  it('chooses the only team of a member of one team', async () => {
    const { onChange } = renderPicker({
      status: 200,
      body: { platform: false, items: [team('payments')] },
    });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith('group:default/payments'),
    );
    expect(screen.getByLabelText(/소유 팀/)).toBeDisabled();
  });

  it('says so when the user is in no team', async () => {
    renderPicker({ status: 200, body: { platform: false, items: [] } });
    expect(await screen.findByText(/속한 팀이 없습니다/)).toBeInTheDocument();
  });

  it('shows why the teams could not be loaded', async () => {
    renderPicker({ status: 403, body: { error: { message: 'no' } } });
    expect(
      await screen.findByText(/Could not load your teams \(403\)/),
    ).toBeInTheDocument();
  });
});
