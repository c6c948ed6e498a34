/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import type {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';

export interface CachingPermissionsOptions {
  /** How long a user's conditional decision is reused; 0 turns caching off. */
  ttlMs: number;
  /** At most this many decisions are kept; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  expiresAt: number;
  decisions: Promise<QueryPermissionResponse[]>;
}

/**
 * The token's expiry in milliseconds. A `Date` from the auth service, but an
 * ISO string in the credentials the scaffolder keeps with a task (it stores
 * them as JSON and parses them back for the run's steps).
 */
function expiryOf(credentials: BackstageCredentials): number | null {
  const value = credentials.expiresAt as Date | string | number | undefined;
  if (value === undefined || value === null) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The key of a user's conditional decisions: who asks (the user, the
 * service acting for them if any, and the expiry of their token, so a new
 * sign-in, which may carry new team memberships, is never answered from the
 * previous session's decision) and exactly which permissions. Undefined
 * for any other principal: a service token's decision is made locally from
 * its access restrictions, without a round trip, so there is nothing to save.
 */
function keyOf(
  requests: QueryPermissionRequest[],
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as
    | Partial<BackstageUserPrincipal>
    | undefined;
  if (principal?.type !== 'user' || !principal.userEntityRef) return undefined;
  return JSON.stringify([
    principal.userEntityRef,
    principal.actor?.subject ?? null,
    expiryOf(credentials),
    requests.map(r => [
      r.permission.name,
      r.permission.resourceType,
      r.permission.attributes,
    ]),
  ]);
}

/**
 * The permissions service with a short-lived cache of users' conditional
 * decisions (`authorizeConditional`, what a catalog list or read asks
 * before it queries). The policy's answer depends only on the permission and
 * the user's identity and ownership (both fixed for a session token), so
 * reusing it for a few seconds changes no answer; it saves the round trip to
 * the permission backend, which otherwise runs on every catalog read.
 * Definitive decisions about one resource (`authorize`) are never cached.
 * Concurrent identical requests share one round trip; a failed round trip
 * is not kept.
 */
export class CachingPermissionsService implements PermissionsService {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: PermissionsService,
    private readonly options: CachingPermissionsOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    return this.inner.authorize(requests, options);
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    const key =
      this.options.ttlMs > 0 ? keyOf(requests, options.credentials) : undefined;
    if (!key) return this.inner.authorizeConditional(requests, options);

    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.decisions;
    if (hit) this.entries.delete(key);

    const decisions = this.inner.authorizeConditional(requests, options);
    const entry = { expiresAt: now + this.options.ttlMs, decisions };
    this.entries.set(key, entry);
    decisions.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return decisions;
  }
}
