/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  DefaultEventsService,
  EventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';

// The events service as @backstage/plugin-events-node's default factory
// builds it (a local bus plus the events backend's event bus, shared by
// every replica through PostgreSQL), with one difference: a subscription
// starts once the backend has started. The default subscribes at once and
// starts reading the event bus over HTTP while the plugins are still
// initializing; when the events backend is not up within Backstage's 5 s
// start-up pause (a first start that migrates every database, a busy node),
// the request is refused with 503 "Service has not started up yet" and the
// events backend logs it at error level, although the subscriber simply
// retries a second later. No event is lost by waiting: nothing reaches the
// portal from outside before it is ready, and the plugins here publish only
// when they serve requests.

/** Runs callbacks once the root lifecycle has started (at once afterwards). */
interface StartedGate {
  afterStartup(run: () => void): void;
}

/** Wraps one plugin's events service so that `subscribe` waits for start-up. */
export function subscribeAfterStartup(
  service: EventsService,
  gate: StartedGate,
  onError: (error: unknown) => void,
): EventsService {
  return {
    publish: params => service.publish(params),
    async subscribe(options) {
      gate.afterStartup(() => {
        service.subscribe(options).catch(onError);
      });
    },
  };
}

export const eventsServiceFactory = createServiceFactory({
  service: eventsServiceRef,
  deps: {
    pluginMetadata: coreServices.pluginMetadata,
    rootLogger: coreServices.rootLogger,
    rootLifecycle: coreServices.rootLifecycle,
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
    logger: coreServices.logger,
    lifecycle: coreServices.lifecycle,
    auth: coreServices.auth,
  },
  async createRootContext({ rootLogger, rootLifecycle, config }) {
    const events = DefaultEventsService.create({ logger: rootLogger, config });
    let started = false;
    const waiting: Array<() => void> = [];
    rootLifecycle.addStartupHook(() => {
      started = true;
      for (const run of waiting.splice(0)) run();
    });
    const gate: StartedGate = {
      afterStartup: run => (started ? run() : void waiting.push(run)),
    };
    return { events, gate };
  },
  async factory(
    { pluginMetadata, discovery, logger, lifecycle, auth },
    { events, gate },
  ) {
    const service = events.forPlugin(pluginMetadata.getId(), {
      discovery,
      logger,
      lifecycle,
      auth,
    });
    return subscribeAfterStartup(service, gate, error =>
      logger.warn(`Could not subscribe to events: ${error}`),
    );
  },
});
