/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { qualifiedName } from '../resources';
import { StatusError } from './errors';

/**
 * RBAC as the stand-in plays it: every resource is readable except those
 * denied. Names are `plural.group` (`deployments.apps`), `plural` for the core
 * group (`pods`), or a subresource (`pods/log`).
 */
export class Rbac {
  private denied: Set<string>;

  constructor(
    /** The identity 403 messages name. */
    private readonly user: string,
    denied: string[] = [],
  ) {
    this.denied = new Set(denied);
  }

  /** Replaces the denied resources. */
  deny(resources: string[]) {
    this.denied = new Set(resources);
  }

  list() {
    return [...this.denied];
  }

  /** Throws the API server's 403 Status when `verb` on the resource is denied. */
  check(
    type: { group: string; plural: string },
    verb: string,
    namespace?: string,
    name?: string,
    subresource?: string,
  ) {
    const resource = subresource
      ? `${type.plural}/${subresource}`
      : type.plural;
    // A subresource is its own RBAC resource: denying `pods` leaves `pods/log` readable.
    const rule = subresource
      ? `${qualifiedName(type)}/${subresource}`
      : qualifiedName(type);
    if (!this.denied.has(rule)) return;
    const subject = name
      ? `${qualifiedName(type)} "${name}"`
      : qualifiedName(type);
    throw new StatusError(
      403,
      'Forbidden',
      `${subject} is forbidden: User "${
        this.user
      }" cannot ${verb} resource "${resource}" in API group "${type.group}" ${
        namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'
      }`,
      { ...(name && { name }), group: type.group, kind: type.plural },
    );
  }
}
