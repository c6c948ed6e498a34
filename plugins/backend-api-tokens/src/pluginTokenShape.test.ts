/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  authServiceFactory,
  PluginTokenHandler,
} from '@backstage/backend-defaults/auth';
import {
  hasJwtShape,
  pluginTokenShapeServiceFactory,
  skipTokensWithoutJwtShape,
} from './pluginTokenShape';

describe('skipTokensWithoutJwtShape', () => {
  const handler = (): jest.Mocked<PluginTokenHandler> => ({
    verifyToken: jest.fn(async (_token: string) => ({
      subject: 'plugin:catalog',
    })),
    issueToken: jest.fn(
      async (_options: Parameters<PluginTokenHandler['issueToken']>[0]) => ({
        token: 'a.b.c',
      }),
    ),
  });

  it('answers "not a plugin token" for a static token without asking the handler', async () => {
    const inner = handler();
    const decorated = skipTokensWithoutJwtShape(inner);
    await expect(decorated.verifyToken('f00dcafe'.repeat(6))).resolves.toBe(
      undefined,
    );
    await expect(decorated.verifyToken('a.b')).resolves.toBe(undefined);
    expect(inner.verifyToken).not.toHaveBeenCalled();
  });

  it('passes JWS and JWE shaped tokens and token issuing to the handler', async () => {
    const inner = handler();
    const decorated = skipTokensWithoutJwtShape(inner);
    await expect(decorated.verifyToken('h.p.s')).resolves.toEqual({
      subject: 'plugin:catalog',
    });
    await decorated.verifyToken('h.k.iv.c.t');
    const options = { pluginId: 'catalog', targetPluginId: 'permission' };
    await expect(decorated.issueToken(options)).resolves.toEqual({
      token: 'a.b.c',
    });
    expect(inner.verifyToken.mock.calls).toEqual([['h.p.s'], ['h.k.iv.c.t']]);
    expect(inner.issueToken).toHaveBeenCalledWith(options);
  });

  it('has the shapes jose decodes', () => {
    expect(hasJwtShape('a.b.c')).toBe(true);
    expect(hasJwtShape('a.b.c.d.e')).toBe(true);
    expect(hasJwtShape('abc')).toBe(false);
    expect(hasJwtShape('a.b.c.d')).toBe(false);
  });
});

describe('pluginTokenShapeServiceFactory', () => {
  // With the decorator in a real backend, plugin-to-plugin tokens still
  // verify and a static token is still only what its config says.
  it('keeps plugin tokens and static tokens working', async () => {
    let auth: typeof coreServices.auth.T | undefined;
    await startTestBackend({
      features: [
        authServiceFactory,
        pluginTokenShapeServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                keys: [{ secret: 'x'.repeat(32) }],
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: 'f00dcafe'.repeat(6), subject: 'ci' },
                  },
                ],
              },
            },
          },
        }),
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: { a: coreServices.auth },
              async init({ a }) {
                auth = a;
              },
            });
          },
        }),
      ],
    });
    const a = auth!;
    const { token } = await a.getPluginRequestToken({
      onBehalfOf: await a.getOwnServiceCredentials(),
      targetPluginId: 'probe',
    });
    const plugin = await a.authenticate(token);
    expect(plugin.principal).toMatchObject({
      type: 'service',
      subject: 'plugin:probe',
    });
    const ci = await a.authenticate('f00dcafe'.repeat(6));
    expect(ci.principal).toMatchObject({ type: 'service', subject: 'ci' });
    await expect(a.authenticate('not-a-token-at-all')).rejects.toThrow(
      'Illegal token',
    );
  });
});
