/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readEntityAsCaller } from './readEntity';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'platform' },
};
const ref = { kind: 'component', namespace: 'default', name: 'orders' };
const OUTSIDER = 'user:default/outsider';
const REFUSED = 'user:default/refused';

const fake = catalogServiceMock({ entities: [entity] });
const catalog = catalogServiceMock.mock({
  getEntityByRef: jest.fn(async (r, options) => {
    const { credentials } = options as CatalogServiceRequestOptions;
    const user = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    if (user === OUTSIDER) return undefined;
    if (user === REFUSED) {
      throw await ResponseError.fromResponse(
        new Response('{"error":{"message":"Forbidden"}}', {
          status: 403,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }
    return fake.getEntityByRef(r, options);
  }),
});
const deps = { catalog, auth: mockServices.auth() };

describe('readEntityAsCaller', () => {
  it('returns the entity the caller may read', async () => {
    await expect(
      readEntityAsCaller(deps, ref, mockCredentials.user()),
    ).resolves.toMatchObject({ metadata: { name: 'orders' } });
  });

  it('answers 403 for an entity the policy hides, 404 for one that does not exist', async () => {
    await expect(
      readEntityAsCaller(deps, ref, mockCredentials.user(OUTSIDER)),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'You are not allowed to read component:default/orders',
    });
    await expect(
      readEntityAsCaller(
        deps,
        { ...ref, name: 'missing' },
        mockCredentials.user(OUTSIDER),
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/missing in the catalog',
    });
    await expect(
      readEntityAsCaller(deps, ref, mockCredentials.user(REFUSED)),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });
});
