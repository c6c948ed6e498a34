/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  catalogWith,
  component,
  minji,
  recordingAuditor,
  sora,
} from '../__testUtils__/fakes';
import { createGetEntityOverviewAction } from './getEntityOverview';

const ordersApi = component('orders-api', {
  annotations: {
    'backstage.io/techdocs-ref': 'dir:.',
    'backstage.io/source-location':
      'url:https://github.com/launchpad-demo/orders-api/tree/main/',
  },
  links: [{ url: 'https://grafana.example.com/d/orders', title: 'Dashboard' }],
});
const noDocs = component('no-docs', { spec: { owner: 'platform' } });
const payments = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'payments',
    namespace: 'default',
    title: 'Payments team',
    links: [
      { url: 'https://pagerduty.example.com/payments', title: 'On-call' },
    ],
  },
  spec: {
    type: 'team',
    profile: { email: 'payments@example.com' },
    children: [],
  },
};
const secretTemplate = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'payments-only', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};

function setup() {
  const actionsRegistry = actionsRegistryServiceMock();
  const { catalog, reads } = catalogWith(
    [ordersApi, noDocs, payments, secretTemplate],
    (entity, user) =>
      entity.kind !== 'Template' || user === 'user:default/sora-choi',
  );
  const { auditor, events } = recordingAuditor();
  createGetEntityOverviewAction({
    actionsRegistry,
    catalog,
    auth: mockServices.auth(),
    auditor,
    appBaseUrl: 'https://portal.example.com/',
  });
  const invoke = (entityRef: string, credentials = sora) =>
    actionsRegistry.invoke({
      id: 'test:get-entity-overview',
      input: { entityRef },
      credentials,
    });
  return { invoke, reads, events };
}

describe('launchpad:get-entity-overview', () => {
  it('answers owner, team contact, links and docs as the caller reads them', async () => {
    const { invoke, reads, events } = setup();
    const { output } = await invoke('component:default/orders-api');
    expect(output).toEqual({
      entityRef: 'component:default/orders-api',
      description: 'orders-api service',
      type: 'service',
      lifecycle: 'experimental',
      system: 'payments',
      owner: {
        entityRef: 'group:default/payments',
        title: 'Payments team',
        email: 'payments@example.com',
        links: [
          { url: 'https://pagerduty.example.com/payments', title: 'On-call' },
        ],
      },
      links: [
        { url: 'https://grafana.example.com/d/orders', title: 'Dashboard' },
      ],
      docsUrl: 'https://portal.example.com/docs/default/component/orders-api',
      sourceUrl: 'https://github.com/launchpad-demo/orders-api/tree/main/',
      catalogUrl:
        'https://portal.example.com/catalog/default/component/orders-api',
    });
    // Both the entity and its team were read with the caller's credentials.
    expect(reads).toEqual([
      {
        ref: 'component:default/orders-api',
        principal: 'user:default/sora-choi',
      },
      { ref: 'group:default/payments', principal: 'user:default/sora-choi' },
    ]);
    expect(events).toEqual([
      {
        eventId: 'entity-overview',
        severityLevel: 'medium',
        meta: {
          actor: 'user:default/sora-choi',
          entityRef: 'component:default/orders-api',
        },
        outcome: 'success',
      },
    ]);
  });

  it('leaves docsUrl out for an entity without TechDocs, and accepts a bare name', async () => {
    const { invoke } = setup();
    const { output } = (await invoke('no-docs')) as { output: any };
    expect(output.entityRef).toBe('component:default/no-docs');
    expect(output.docsUrl).toBeUndefined();
    // An owner the catalog does not have is still named.
    expect(output.owner).toEqual({
      entityRef: 'group:default/platform',
      links: [],
    });
  });

  it('refuses an entity the caller may not read (403), and audits the refusal', async () => {
    const { invoke, events } = setup();
    await expect(
      invoke('template:default/payments-only', minji),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You are not allowed to read template:default/payments-only',
    });
    expect(events).toEqual([
      expect.objectContaining({
        meta: expect.objectContaining({ actor: 'user:default/minji-park' }),
        outcome: 'fail',
        error: 'You are not allowed to read template:default/payments-only',
      }),
    ]);
    // The same entity is readable for someone the policy lets read it.
    await expect(
      invoke('template:default/payments-only', sora),
    ).resolves.toBeDefined();
  });

  it('says not found for an entity that does not exist, and explains a malformed ref', async () => {
    const { invoke } = setup();
    await expect(invoke('component:default/nope')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/nope in the catalog',
    });
    await expect(invoke('component:default/')).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('Use kind:namespace/name'),
    });
  });
});
