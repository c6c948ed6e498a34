/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { ArgoCdApplication } from '@internal/plugin-argocd-common';
import { ApplicationReader, ArgoCdNotifier } from './notifier';
import type { ApplicationKey } from './stateStore';
import type { NotificationState } from './transitions';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'experimental', owner: 'team-a' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
}

function application(
  health: string,
  operation?: { phase: string; startedAt: string },
): ArgoCdApplication {
  return {
    metadata: { name: 'orders' },
    spec: { project: 'team-a', destination: {} },
    status: {
      health: { status: health },
      operationState: operation && { ...operation, message: 'apply failed' },
    },
  };
}

/** The store as a map, like the database table. */
class MemoryStore {
  rows = new Map<string, NotificationState & ApplicationKey>();
  async getAll() {
    return new Map(this.rows);
  }
  async put(key: ApplicationKey, state: NotificationState) {
    this.rows.set(key.entityRef, { ...key, ...state });
  }
  async deleteExcept(refs: string[]) {
    let n = 0;
    for (const ref of [...this.rows.keys()]) {
      if (!refs.includes(ref)) {
        this.rows.delete(ref);
        n += 1;
      }
    }
    return n;
  }
}

describe('ArgoCdNotifier', () => {
  let current: ArgoCdApplication | undefined;
  let sent: NotificationSendOptions[];
  let sendFails: boolean;
  let store: MemoryStore;
  let entities: Entity[];
  const reader: ApplicationReader = {
    instanceName: 'eks',
    findApplication: async name =>
      current && name === 'orders' ? current : undefined,
  };

  function notifier(notifyRecovery = true) {
    return new ArgoCdNotifier({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      notifications: {
        send: async options => {
          if (sendFails) throw new Error('notifications backend unavailable');
          sent.push(options);
        },
      },
      store,
      readers: [reader],
      notifyRecovery,
    });
  }

  beforeEach(() => {
    current = application('Healthy');
    sent = [];
    sendFails = false;
    store = new MemoryStore();
    entities = [
      component('orders', { 'argocd/app-name': 'orders' }),
      // no annotation: never read
      component('billing', {}),
    ];
  });

  it('sends one notification to the owning group per transition, not per poll', async () => {
    const n = notifier();
    await n.runOnce();
    current = application('Degraded');
    for (let i = 0; i < 4; i++) await n.runOnce();
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['group:default/team-a'] },
        payload: {
          title: 'orders: Degraded 상태입니다 (Degraded)',
          description: 'Argo CD Application "orders" (eks) is Degraded.',
          link: '/catalog/default/component/orders',
          severity: 'high',
          topic: 'argocd',
        },
      },
    ]);
  });

  it('tells of the recovery and of a new degrade after it', async () => {
    const n = notifier();
    for (const health of [
      'Healthy',
      'Degraded',
      'Degraded',
      'Healthy',
      'Healthy',
      'Degraded',
    ]) {
      current = application(health);
      await n.runOnce();
    }
    expect(sent.map(s => s.payload.title)).toEqual([
      'orders: Degraded 상태입니다 (Degraded)',
      'orders: 다시 Healthy입니다 (recovered)',
      'orders: Degraded 상태입니다 (Degraded)',
    ]);
  });

  it('tells of a failed sync with its message, once per operation', async () => {
    const n = notifier();
    current = application('Degraded', {
      phase: 'Failed',
      startedAt: '2026-12-06T12:00:00Z',
    });
    await n.runOnce();
    await n.runOnce();
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({
      title: 'orders: Argo CD 동기화 실패 (sync failed)',
      description:
        'Argo CD Application "orders" (eks): the sync ended Failed: apply failed. Health: Degraded.',
      severity: 'high',
    });
  });

  it('keeps nothing when the send fails, so the next pass sends it', async () => {
    const n = notifier();
    await n.runOnce();
    current = application('Degraded');
    sendFails = true;
    const failed = await n.runOnce();
    expect(failed.failed).toEqual(['component:default/orders']);
    expect(store.rows.get('component:default/orders')?.degraded).toBe(false);
    sendFails = false;
    await n.runOnce();
    await n.runOnce();
    expect(sent).toHaveLength(1);
  });

  it('stops when the scheduler aborts the pass, sending and storing nothing', async () => {
    const n = notifier();
    await n.runOnce();
    current = application('Degraded');
    const stop = new AbortController();
    stop.abort(new Error('backend shutting down'));
    await expect(n.runOnce(stop.signal)).rejects.toThrow(
      'backend shutting down',
    );
    expect(sent).toEqual([]);
    expect(store.rows.get('component:default/orders')?.degraded).toBe(false);
  });

  it('resumes from the stored state: a second notifier (restart, other replica) does not resend', async () => {
    current = application('Degraded');
    await notifier().runOnce();
    await notifier().runOnce();
    expect(sent).toHaveLength(1);
  });

  it('starts over when the entity names another Application, and forgets entities without one', async () => {
    current = application('Degraded');
    await notifier().runOnce();
    entities = [component('orders', { 'argocd/app-name': 'orders-v2' })];
    await notifier().runOnce(); // orders-v2 does not exist yet: nothing to say
    expect(store.rows.has('component:default/orders')).toBe(true);
    entities = [];
    await notifier().runOnce();
    expect(store.rows.size).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('skips an entity whose argocd/instance-name is not configured', async () => {
    entities = [
      component('orders', {
        'argocd/app-name': 'orders',
        'argocd/instance-name': 'elsewhere',
      }),
    ];
    current = application('Degraded');
    const summary = await notifier().runOnce();
    expect(summary.read).toBe(0);
    expect(sent).toEqual([]);
  });
});
