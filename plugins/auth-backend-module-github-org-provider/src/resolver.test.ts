/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { NotFoundError } from '@backstage/errors';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import { refusalMessage, userIdMatchingUserEntityAnnotation } from './resolver';

const member = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'minji',
    namespace: 'default',
    annotations: { 'github.com/user-id': 'MDQ6VXNlcjEwMQ==' },
  },
  spec: { memberOf: ['platform'] },
};

function context(found: typeof member | undefined) {
  return {
    findCatalogUser: jest.fn(async () => {
      if (!found) throw new NotFoundError('User not found');
      return { entity: found };
    }),
    resolveOwnershipEntityRefs: jest.fn(async () => ({
      ownershipEntityRefs: ['user:default/minji', 'group:default/platform'],
    })),
    issueToken: jest.fn(async (params: any) => ({
      token: `token-for-${params.claims.sub}`,
    })),
    signInWithCatalogUser: jest.fn(),
  } as unknown as AuthResolverContext & { [k: string]: jest.Mock };
}

function info(nodeId: string | undefined, username = 'minji') {
  return {
    result: { fullProfile: { nodeId, username, id: '101' } },
    profile: {},
  } as any;
}

describe('userIdMatchingUserEntityAnnotation (org members only)', () => {
  it('signs in the catalog User whose github.com/user-id is the node_id', async () => {
    const ctx = context(member);
    const resolver = userIdMatchingUserEntityAnnotation();
    await expect(resolver(info('MDQ6VXNlcjEwMQ=='), ctx)).resolves.toEqual({
      token: 'token-for-user:default/minji',
    });
    expect(ctx.findCatalogUser).toHaveBeenCalledWith({
      annotations: { 'github.com/user-id': 'MDQ6VXNlcjEwMQ==' },
    });
    expect(ctx.issueToken).toHaveBeenCalledWith({
      claims: {
        sub: 'user:default/minji',
        ent: ['user:default/minji', 'group:default/platform'],
      },
    });
  });

  it('refuses an account without a catalog User, saying why', async () => {
    const ctx = context(undefined);
    const resolver = userIdMatchingUserEntityAnnotation({
      organization: 'launchpad-demo',
    });
    const attempt = resolver(info('MDQ6VXNlcjk5OQ==', 'outsider'), ctx);
    await expect(attempt).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        "The GitHub account 'outsider' is not a member of the launchpad-demo GitHub organization",
      ),
    });
    expect(ctx.issueToken).not.toHaveBeenCalled();
  });

  it('refuses a User whose annotation does not match the node_id', async () => {
    const ctx = context({
      ...member,
      metadata: {
        ...member.metadata,
        annotations: { 'github.com/user-id': 'other' },
      },
    });
    await expect(
      userIdMatchingUserEntityAnnotation()(info('MDQ6VXNlcjEwMQ=='), ctx),
    ).rejects.toThrow(/does not match/);
    expect(ctx.issueToken).not.toHaveBeenCalled();
  });

  it('has no way to sign in without a catalog User', () => {
    expect(() =>
      userIdMatchingUserEntityAnnotation({
        dangerouslyAllowSignInWithoutUserInCatalog: true,
      } as any),
    ).toThrow();
  });
});

describe('refusalMessage', () => {
  it('works without login or organization', () => {
    expect(refusalMessage(undefined)).toMatch(
      /^This GitHub account is not a member of the company GitHub organization/,
    );
  });
});
