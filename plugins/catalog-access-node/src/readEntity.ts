/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Status code of an error thrown by a catalog client (`ResponseError`). */
function statusCodeOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.response?.status === 'number') return e.response.status;
  return undefined;
}

/**
 * Reads the entity with the caller's own credentials, so the catalog's
 * permission policy decides. An entity the policy hides from the caller
 * answers 403 (the catalog itself answers as if it did not exist); one that
 * does not exist answers 404.
 */
export async function readEntityAsCaller(
  deps: { catalog: CatalogService; auth: AuthService },
  ref: CompoundEntityRef,
  credentials: BackstageCredentials,
): Promise<Entity> {
  const entityRef = stringifyEntityRef(ref);
  let entity: Entity | undefined;
  try {
    entity = await deps.catalog.getEntityByRef(ref, { credentials });
  } catch (error) {
    const status = statusCodeOf(error);
    if (status === 401) {
      throw new AuthenticationError(
        `The catalog did not accept your credentials to read ${entityRef}`,
      );
    }
    if (status === 403) {
      throw new NotAllowedError(`You are not allowed to read ${entityRef}`);
    }
    throw error;
  }
  if (entity) return entity;
  const exists = await deps.catalog.getEntityByRef(ref, {
    credentials: await deps.auth.getOwnServiceCredentials(),
  });
  if (exists) {
    throw new NotAllowedError(`You are not allowed to read ${entityRef}`);
  }
  throw new NotFoundError(`No entity ${entityRef} in the catalog`);
}
