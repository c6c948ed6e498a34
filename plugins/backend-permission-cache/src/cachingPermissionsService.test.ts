/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  type AuthorizePermissionResponse,
  type QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { CachingPermissionsService } from './cachingPermissionsService';

const read = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const del = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});

/** A permission backend that answers each user with their own condition and counts the round trips. */
function fakeBackend() {
  const calls: string[] = [];
  let fail = false;
  const inner: PermissionsService = {
    authorize: jest.fn(async requests =>
      requests.map(
        (): AuthorizePermissionResponse => ({ result: AuthorizeResult.ALLOW }),
      ),
    ),
    authorizeConditional: jest.fn(async (requests, { credentials }) => {
      const who = (credentials as BackstageCredentials<any>).principal
        .userEntityRef as string;
      calls.push(who ?? 'service');
      await new Promise(r => setTimeout(r, 5));
      if (fail) throw new Error('permission backend unavailable');
      return requests.map(
        (): QueryPermissionResponse => ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: [who] },
          },
        }),
      );
    }),
  };
  return {
    inner,
    calls,
    failNext(v: boolean) {
      fail = v;
    },
  };
}

describe('CachingPermissionsService', () => {
  const sora = mockCredentials.user('user:default/sora-choi');
  const minji = mockCredentials.user('user:default/minji-kim');
  let now = 1_000_000;
  const clock = () => now;

  it("reuses a user's conditional decision within the TTL and asks again after it", async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 5000,
      now: clock,
    });
    const first = await service.authorizeConditional([{ permission: read }], {
      credentials: sora,
    });
    now += 4999;
    const second = await service.authorizeConditional([{ permission: read }], {
      credentials: sora,
    });
    expect(second).toEqual(first);
    expect(backend.calls).toEqual(['user:default/sora-choi']);
    now += 2;
    await service.authorizeConditional([{ permission: read }], {
      credentials: sora,
    });
    expect(backend.calls).toHaveLength(2);
  });

  it("never answers one user with another user's decision, nor one permission with another's", async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 5000,
      now: clock,
    });
    const [forSora] = await service.authorizeConditional(
      [{ permission: read }],
      { credentials: sora },
    );
    const [forMinji] = await service.authorizeConditional(
      [{ permission: read }],
      { credentials: minji },
    );
    await service.authorizeConditional([{ permission: del }], {
      credentials: sora,
    });
    expect(backend.calls).toEqual([
      'user:default/sora-choi',
      'user:default/minji-kim',
      'user:default/sora-choi',
    ]);
    expect(JSON.stringify(forSora)).toContain('sora-choi');
    expect(JSON.stringify(forMinji)).toContain('minji-kim');
    expect(JSON.stringify(forMinji)).not.toContain('sora-choi');
  });

  it("asks again for a user's new session (another token expiry), which may carry new teams", async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 5000,
      now: clock,
    });
    const session = (expiresAt: number) => ({
      ...mockCredentials.user('user:default/sora-choi'),
      expiresAt: new Date(expiresAt),
    });
    await service.authorizeConditional([{ permission: read }], {
      credentials: session(2_000_000),
    });
    await service.authorizeConditional([{ permission: read }], {
      credentials: session(2_000_000),
    });
    await service.authorizeConditional([{ permission: read }], {
      credentials: session(2_600_000),
    });
    expect(backend.calls).toEqual([
      'user:default/sora-choi',
      'user:default/sora-choi',
    ]);
  });

  it("reads the token's expiry from credentials kept as JSON, as the scaffolder keeps a task's", async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 5000,
      now: clock,
    });
    const live = {
      ...mockCredentials.user('user:default/sora-choi'),
      expiresAt: new Date(2_000_000),
    };
    const parsed = JSON.parse(JSON.stringify(live));
    expect(typeof parsed.expiresAt).toBe('string');
    await service.authorizeConditional([{ permission: read }], {
      credentials: live,
    });
    await expect(
      service.authorizeConditional([{ permission: read }], {
        credentials: parsed,
      }),
    ).resolves.toHaveLength(1);
    expect(backend.calls).toEqual(['user:default/sora-choi']);
  });

  it('shares one round trip between concurrent identical requests', async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 5000,
      now: clock,
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        service.authorizeConditional([{ permission: read }], {
          credentials: sora,
        }),
      ),
    );
    expect(backend.calls).toHaveLength(1);
    expect(new Set(answers.map(a => JSON.stringify(a))).size).toBe(1);
  });

  it('does not keep a failed round trip: the next request asks again', async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 5000,
      now: clock,
    });
    backend.failNext(true);
    await expect(
      service.authorizeConditional([{ permission: read }], {
        credentials: sora,
      }),
    ).rejects.toThrow('permission backend unavailable');
    backend.failNext(false);
    await expect(
      service.authorizeConditional([{ permission: read }], {
        credentials: sora,
      }),
    ).resolves.toHaveLength(1);
    expect(backend.calls).toHaveLength(2);
  });

  it('passes services, definitive decisions and a TTL of 0 straight through', async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 5000,
      now: clock,
    });
    const svc = mockCredentials.service('plugin:scaffolder');
    for (let i = 0; i < 2; i++) {
      await service.authorizeConditional([{ permission: read }], {
        credentials: svc,
      });
      await service.authorize(
        [{ permission: del, resourceRef: 'component:default/payments-api' }],
        { credentials: sora },
      );
    }
    expect(backend.inner.authorizeConditional).toHaveBeenCalledTimes(2);
    expect(backend.inner.authorize).toHaveBeenCalledTimes(2);

    const off = fakeBackend();
    const uncached = new CachingPermissionsService(off.inner, {
      ttlMs: 0,
      now: clock,
    });
    for (let i = 0; i < 3; i++) {
      await uncached.authorizeConditional([{ permission: read }], {
        credentials: sora,
      });
    }
    expect(off.calls).toHaveLength(3);
  });

  it('keeps at most maxEntries decisions, dropping the oldest', async () => {
    const backend = fakeBackend();
    const service = new CachingPermissionsService(backend.inner, {
      ttlMs: 60_000,
      maxEntries: 2,
      now: clock,
    });
    const users = ['a', 'b', 'c'].map(n =>
      mockCredentials.user(`user:default/${n}`),
    );
    for (const credentials of users)
      await service.authorizeConditional([{ permission: read }], {
        credentials,
      });
    // c and b are kept; a was dropped and is asked again.
    await service.authorizeConditional([{ permission: read }], {
      credentials: users[2],
    });
    await service.authorizeConditional([{ permission: read }], {
      credentials: users[0],
    });
    expect(backend.calls).toEqual([
      'user:default/a',
      'user:default/b',
      'user:default/c',
      'user:default/a',
    ]);
  });
});
