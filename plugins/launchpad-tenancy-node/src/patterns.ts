/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Namespace patterns: an exact Kubernetes namespace name (`payments`) or a
 * prefix ending in `*` (`payments-*`). Argo CD reads the same strings as
 * globs in AppProject destinations, where `*` also matches any suffix.
 */

/** A namespace name: an RFC 1123 label of at most 63 characters. */
export const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PREFIX_PATTERN = /^[a-z0-9][-a-z0-9]*\*$/;

/** Namespaces that belong to the cluster, Argo CD or the portal itself. */
export const BUILT_IN_RESERVED_NAMESPACES = [
  'default',
  'kube-*',
  'argocd',
  'launchpad',
];

export function isNamespaceName(value: string): boolean {
  return value.length <= 63 && NAMESPACE_NAME.test(value);
}

export function isNamespacePattern(value: string): boolean {
  return (
    isNamespaceName(value) || (value.length <= 63 && PREFIX_PATTERN.test(value))
  );
}

const prefixOf = (pattern: string) =>
  pattern.endsWith('*') ? pattern.slice(0, -1) : undefined;

/** Whether `namespace` is one `pattern` stands for. */
export function namespaceMatches(pattern: string, namespace: string): boolean {
  const prefix = prefixOf(pattern);
  return prefix === undefined
    ? pattern === namespace
    : namespace.startsWith(prefix) && namespace.length > prefix.length;
}

/** Whether every namespace `inner` stands for is also one of `outer`'s. */
export function patternWithin(inner: string, outer: string): boolean {
  const innerPrefix = prefixOf(inner);
  const outerPrefix = prefixOf(outer);
  if (outerPrefix === undefined) {
    return innerPrefix === undefined && inner === outer;
  }
  if (innerPrefix === undefined) return namespaceMatches(outer, inner);
  return innerPrefix.startsWith(outerPrefix);
}

/** Whether some namespace is matched by both patterns. */
export function patternsOverlap(a: string, b: string): boolean {
  const pa = prefixOf(a);
  const pb = prefixOf(b);
  if (pa === undefined && pb === undefined) return a === b;
  if (pa === undefined) return namespaceMatches(b, a);
  if (pb === undefined) return namespaceMatches(a, b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}

/** Whether `host` is a name under `domain` (not the domain itself). */
export function hostUnderDomain(host: string, domain: string): boolean {
  return host.endsWith(`.${domain}`) && host.length > domain.length + 1;
}

/** Whether one domain is the other or a parent of it. */
export function domainsOverlap(a: string, b: string): boolean {
  return a === b || hostUnderDomain(a, b) || hostUnderDomain(b, a);
}

/** A DNS name: dot-separated RFC 1123 labels, a letter-only last label. */
export function isDomainName(value: string): boolean {
  return (
    value.length <= 253 &&
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)
  );
}
