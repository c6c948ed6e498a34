/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { Router } from 'express';
import request from 'supertest';
import {
  isPlaceholderToken,
  optionalStaticTokenServiceFactory,
} from './apiTokenHandler';

const TOKEN = 'a-long-enough-test-token-123';

// A plugin with one authenticated route that reports who called it.
const whoami = createBackendPlugin({
  pluginId: 'whoami',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
      async init({ http, httpAuth }) {
        const router = Router();
        router.get('/me', async (req, res) => {
          const credentials = await httpAuth.credentials(req, {
            allow: ['service'],
          });
          res.json({
            subject: (credentials.principal as { subject: string }).subject,
          });
        });
        http.use(router);
      },
    });
  },
});

async function backendWith(token: string | undefined) {
  return startTestBackend({
    features: [
      whoami,
      // The real auth services, so external access config is honoured.
      authServiceFactory,
      httpAuthServiceFactory,
      optionalStaticTokenServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'optional-static',
                  options: { token, subject: 'portal-api' },
                },
              ],
            },
          },
        },
      }),
    ],
  });
}

describe('optional-static external access', () => {
  it('accepts the configured token with its subject and refuses others', async () => {
    const { server } = await backendWith(TOKEN);
    const ok = await request(server)
      .get('/api/whoami/me')
      .set('authorization', `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ subject: 'portal-api' });
    const bad = await request(server)
      .get('/api/whoami/me')
      .set('authorization', `Bearer ${TOKEN}x`);
    expect(bad.status).toBe(401);
  });

  it('creates no token at all when the variable is unset', async () => {
    const { server } = await backendWith(undefined);
    const res = await request(server)
      .get('/api/whoami/me')
      .set('authorization', 'Bearer undefined');
    expect(res.status).toBe(401);
    const empty = await request(server).get('/api/whoami/me');
    expect(empty.status).toBe(401);
  });

  it('refuses a short token at start-up without echoing it', async () => {
    await expect(backendWith('short')).rejects.toThrow(
      /must be at least 16 non-space characters/,
    );
    await expect(backendWith('short')).rejects.not.toThrow(/short'/);
  });

  describe('in production', () => {
    const nodeEnv = process.env.NODE_ENV;
    afterEach(() => {
      process.env.NODE_ENV = nodeEnv;
    });

    it.each([
      'change-me-portal-api-token',
      'CHANGE_ME_0123456789abcdef',
      'replace-me-with-a-real-token',
      'placeholder-token-for-docs',
      '<your-portal-api-token>',
      'xxxxxxxxxxxxxxxxxxxx',
    ])(
      'refuses the placeholder %p at start, without echoing it',
      async token => {
        process.env.NODE_ENV = 'production';
        const start = backendWith(token);
        await expect(start).rejects.toThrow(
          /for subject 'portal-api' is a placeholder \(such as change-me-…\), refused in production: set a random value/,
        );
        await expect(backendWith(token)).rejects.not.toThrow(token);
      },
    );

    it('accepts a random token', async () => {
      process.env.NODE_ENV = 'production';
      const { server } = await backendWith(TOKEN);
      const ok = await request(server)
        .get('/api/whoami/me')
        .set('authorization', `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
    });
  });

  it('lets a placeholder through outside production (local sandboxes)', async () => {
    const { server } = await backendWith('change-me-local-only-token');
    const ok = await request(server)
      .get('/api/whoami/me')
      .set('authorization', 'Bearer change-me-local-only-token');
    expect(ok.status).toBe(200);
  });

  it('tells placeholders from random values', () => {
    expect(isPlaceholderToken('change-me-portal-api-token')).toBe(true);
    expect(isPlaceholderToken('9f86d081884c7d659a2feaa0c55ad015')).toBe(false);
  });
});
