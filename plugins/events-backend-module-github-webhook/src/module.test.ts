/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHmac } from 'node:crypto';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import eventsPlugin from '@backstage/plugin-events-backend';
import request from 'supertest';
import githubWebhooks from './module';

const SECRET = 'test-webhook-secret';

async function start(config: object) {
  const received: EventParams[] = [];
  const recorder = createBackendModule({
    pluginId: 'events',
    moduleId: 'test-recorder',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-recorder',
            topics: ['github.push'],
            onEvent: async params => {
              received.push(params);
            },
          });
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      eventsPlugin,
      githubWebhooks,
      recorder,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return { server, received };
}

const payload = JSON.stringify({ ref: 'refs/heads/main', after: 'abc' });
const post = (server: any, signature?: string) => {
  const req = request(server)
    .post('/api/events/http/github')
    .set('content-type', 'application/json')
    .set('x-github-event', 'push');
  return (signature ? req.set('x-hub-signature-256', signature) : req).send(
    payload,
  );
};

describe('GitHub webhooks into the events backend', () => {
  it('routes a signed push to github.push and refuses the rest with 401', async () => {
    const { server, received } = await start({
      events: { modules: { github: { webhookSecret: SECRET } } },
    });

    const unsigned = await post(server);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toEqual({
      message: 'missing X-Hub-Signature-256 header',
    });
    const forged = await post(
      server,
      `sha256=${createHmac('sha256', 'wrong').update(payload).digest('hex')}`,
    );
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ message: 'invalid signature' });
    expect(received).toEqual([]);

    const signed = await post(
      server,
      `sha256=${createHmac('sha256', SECRET).update(payload).digest('hex')}`,
    );
    expect(signed.status).toBe(202);
    await new Promise(r => setTimeout(r, 100));
    expect(received).toEqual([
      expect.objectContaining({
        topic: 'github.push',
        eventPayload: JSON.parse(payload),
      }),
    ]);
  });

  it('has no endpoint at all without a secret', async () => {
    const { server } = await start({});
    expect((await post(server)).status).toBe(404);
  });
});
