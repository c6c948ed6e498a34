/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EventParams,
  EventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { eventsServiceFactory, subscribeAfterStartup } from './eventsService';

describe('subscribeAfterStartup', () => {
  it('subscribes only once the backend has started, and publishes at once', async () => {
    const calls: string[] = [];
    const inner: EventsService = {
      publish: async p => {
        calls.push(`publish ${p.topic}`);
      },
      subscribe: async o => {
        calls.push(`subscribe ${o.id}`);
      },
    };
    let open: () => void = () => {};
    const service = subscribeAfterStartup(
      inner,
      { afterStartup: run => (open = run) },
      () => {},
    );
    await service.subscribe({
      id: 'a',
      topics: ['t'],
      onEvent: async () => {},
    });
    await service.publish({ topic: 't', eventPayload: {} });
    expect(calls).toEqual(['publish t']);
    open();
    expect(calls).toEqual(['publish t', 'subscribe a']);
  });
});

describe('eventsServiceFactory', () => {
  it('delivers events to a plugin that subscribed while it initialized', async () => {
    const received: EventParams[] = [];
    let publisher: EventsService | undefined;
    const subscriber = createBackendPlugin({
      pluginId: 'subscriber',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            await events.subscribe({
              id: 'watch',
              topics: ['launchpad.test'],
              onEvent: async params => {
                received.push(params);
              },
            });
          },
        });
      },
    });
    const publisherPlugin = createBackendPlugin({
      pluginId: 'publisher',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            publisher = events;
            // Published while the backend is still starting: no subscriber yet.
            await events.publish({
              topic: 'launchpad.test',
              eventPayload: 'early',
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        eventsServiceFactory,
        // The bus is the events backend's; this test checks the local part.
        mockServices.rootConfig.factory({
          data: { events: { useEventBus: 'never' } },
        }),
        subscriber,
        publisherPlugin,
      ],
    });
    try {
      await publisher!.publish({
        topic: 'launchpad.test',
        eventPayload: 'after start',
      });
      // The early event found no subscriber; the later one reaches it.
      expect(received.map(r => r.eventPayload)).toEqual(['after start']);
    } finally {
      await backend.stop();
    }
  });
});
