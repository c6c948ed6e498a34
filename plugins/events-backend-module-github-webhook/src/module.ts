/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { GithubEventRouter } from '@backstage/plugin-events-backend-module-github';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { createSignatureValidator, webhookSecrets } from './signatureValidator';

/**
 * `POST /api/events/http/github`, signed deliveries only. Without any
 * configured secret the endpoint is not created (404), so an unsigned
 * endpoint never exists.
 */
export const eventsModuleGithubWebhook = createBackendModule({
  pluginId: 'events',
  moduleId: 'launchpad-github-webhook',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        events: eventsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ config, events, logger }) {
        const secrets = webhookSecrets(config);
        if (secrets.length === 0) {
          logger.info(
            'No GitHub webhook secret configured: POST /api/events/http/github is off; GitHub changes reach the catalog at its scheduled reads',
          );
          return;
        }
        events.addHttpPostIngress({
          topic: 'github',
          validator: createSignatureValidator(secrets),
        });
      },
    });
  },
});

/** Publishes each `github` event again under `github.<X-GitHub-Event>`. */
export const eventsModuleGithubEventRouter = createBackendModule({
  pluginId: 'events',
  moduleId: 'launchpad-github-event-router',
  register(env) {
    env.registerInit({
      deps: { events: eventsServiceRef },
      async init({ events }) {
        await new GithubEventRouter({ events }).subscribe();
      },
    });
  },
});

/** Both modules: the signed ingress and the router. */
export default createBackendFeatureLoader({
  loader() {
    return [eventsModuleGithubWebhook, eventsModuleGithubEventRouter];
  },
});
