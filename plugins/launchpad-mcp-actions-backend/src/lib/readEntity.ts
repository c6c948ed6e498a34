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
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readEntityAsCaller } from '@internal/plugin-catalog-access-node';

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

/**
 * Reads an entity with the caller's credentials, so the catalog's permission
 * policy decides, exactly as for the web page: an entity the caller may not
 * read is refused with NotAllowedError (403) and nothing of it is returned;
 * one that does not exist is NotFoundError (404). The reading itself is the
 * shared `readEntityAsCaller`; this adds the lenient parsing an assistant
 * needs.
 */
export async function readEntityAs(
  deps: { catalog: CatalogService; auth: AuthService },
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  return readEntityAsCaller(deps, parseRef(entityRef), credentials);
}
