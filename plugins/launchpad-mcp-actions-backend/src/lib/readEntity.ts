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
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Parses what an assistant sent as an entity reference, with a clear error. */
export function parseRef(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `"${entityRef}" is not an entity reference. Use kind:namespace/name, e.g. component:default/orders-api (kind defaults to component, namespace to default).`,
    );
  }
}

function statusCodeOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.response?.status === 'number') return e.response.status;
  return undefined;
}

/**
 * Reads an entity with the caller's credentials, so the catalog's permission
 * policy decides, exactly as for the web page. The catalog answers "not
 * found" for an entity the caller may not read; to tell an assistant why, the
 * entity is looked up once more with this plugin's own credentials and, if it
 * exists, the call is refused with NotAllowedError (403). Nothing of that
 * entity is returned.
 */
export async function readEntityAs(
  deps: { catalog: CatalogService; auth: AuthService },
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  const ref = parseRef(entityRef);
  const name = stringifyEntityRef(ref);
  let entity: Entity | undefined;
  try {
    entity = await deps.catalog.getEntityByRef(ref, { credentials });
  } catch (error) {
    if (statusCodeOf(error) === 403) {
      throw new NotAllowedError(`You are not allowed to read ${name}`);
    }
    throw error;
  }
  if (entity) {
    return entity;
  }
  const exists = await deps.catalog.getEntityByRef(ref, {
    credentials: await deps.auth.getOwnServiceCredentials(),
  });
  if (exists) {
    throw new NotAllowedError(`You are not allowed to read ${name}`);
  }
  throw new NotFoundError(`No entity ${name} in the catalog`);
}
