/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { InputError } from '@backstage/errors';
import type { JsonObject, JsonValue } from '@backstage/types';

/**
 * Where configuration secrets can sit, read from the packages' config
 * schemas: a tree in the shape of the configuration. It answers the same
 * question as `@backstage/config-loader`'s visibility filter ("which values
 * of this configuration are `@visibility secret`?") without compiling the
 * schemas with ajv at every start.
 */
export interface SecretPathNode {
  /** A string here is secret (`visibility: secret`). */
  secret?: true;
  /** Every string at or beneath here is secret (`deepVisibility: secret`). */
  deep?: true;
  /** Named keys (`properties`). */
  props?: Record<string, SecretPathNode>;
  /** Keys matching a regular expression (`patternProperties`). */
  patterns?: Array<[string, SecretPathNode]>;
  /** Other keys (`additionalProperties`). */
  other?: SecretPathNode;
  /** Keys declared without a secret where `other` is set: not "other". */
  declared?: string[];
  /** Array elements (`items` as one schema, `additionalItems`). */
  items?: SecretPathNode;
  /** Array elements by position (`items` as a list of schemas). */
  tuple?: Array<SecretPathNode | null>;
}

// Keywords that hold data or annotations, never a subschema to visit.
const DATA_KEYWORDS = new Set([
  'const',
  'default',
  'enum',
  'examples',
  'definitions',
  '$defs',
]);
// Keywords whose subschemas apply to the same value.
const SAME_VALUE = ['allOf', 'anyOf', 'oneOf'];
const SAME_VALUE_SINGLE = ['not', 'if', 'then', 'else'];
const HANDLED = new Set([
  ...SAME_VALUE,
  ...SAME_VALUE_SINGLE,
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'additionalItems',
  '$ref',
  'visibility',
  'deepVisibility',
]);

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function marksSecrets(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(marksSecrets);
  if (!isObject(schema)) return false;
  return Object.entries(schema).some(
    ([key, value]) =>
      ((key === 'visibility' || key === 'deepVisibility') &&
        value === 'secret') ||
      marksSecrets(value),
  );
}

/** `a` with everything of `b` added; `undefined` when both are. */
export function mergeSecretPaths(
  a: SecretPathNode | undefined,
  b: SecretPathNode | undefined,
): SecretPathNode | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.deep || b.deep) return { deep: true };
  const out: SecretPathNode = {};
  if (a.secret || b.secret) out.secret = true;
  if (a.props || b.props) {
    const props: Record<string, SecretPathNode> = { ...a.props };
    for (const [key, node] of Object.entries(b.props ?? {})) {
      props[key] = mergeSecretPaths(props[key], node)!;
    }
    out.props = props;
  }
  if (a.patterns || b.patterns) {
    const patterns = new Map(a.patterns ?? []);
    for (const [pattern, node] of b.patterns ?? []) {
      patterns.set(pattern, mergeSecretPaths(patterns.get(pattern), node)!);
    }
    out.patterns = [...patterns];
  }
  const other = mergeSecretPaths(a.other, b.other);
  if (other) out.other = other;
  if (a.declared || b.declared) {
    out.declared = [...new Set([...(a.declared ?? []), ...(b.declared ?? [])])];
  }
  const items = mergeSecretPaths(a.items, b.items);
  if (items) out.items = items;
  if (a.tuple || b.tuple) {
    const length = Math.max(a.tuple?.length ?? 0, b.tuple?.length ?? 0);
    out.tuple = Array.from(
      { length },
      (_, i) =>
        mergeSecretPaths(
          a.tuple?.[i] ?? undefined,
          b.tuple?.[i] ?? undefined,
        ) ?? null,
    );
  }
  return out;
}

function isEmpty(node: SecretPathNode) {
  return Object.keys(node).length === 0;
}

/**
 * The secret paths of one package's config schema (as `config.d.ts`
 * compiles to JSON schema), or `undefined` when it marks none. Every
 * subschema that ajv visits for a value is taken into account, so a value
 * that is secret in any branch of an `anyOf` counts as secret (the
 * cautious side: upstream may stop at the first matching branch). A
 * keyword this does not understand around a secret is an error, so a
 * secret is never silently missed.
 */
export function secretPathsOfSchema(
  schema: JsonObject,
  where = 'schema',
): SecretPathNode | undefined {
  const refs: string[] = [];
  const resolve = (ref: string, ptr: string): unknown => {
    if (!ref.startsWith('#/')) {
      throw new InputError(`${where}: $ref ${ref} at ${ptr} is not local`);
    }
    let target: unknown = schema;
    for (const part of ref.slice(2).split('/')) {
      const key = decodeURIComponent(part)
        .replace(/~1/g, '/')
        .replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) {
      throw new InputError(`${where}: $ref ${ref} at ${ptr} does not resolve`);
    }
    return target;
  };

  const visit = (node: unknown, ptr: string): SecretPathNode | undefined => {
    if (!isObject(node)) return undefined;
    if (node.deepVisibility === 'secret') return { deep: true };
    let out: SecretPathNode | undefined =
      node.visibility === 'secret' ? { secret: true } : undefined;
    const add = (more: SecretPathNode | undefined) => {
      out = mergeSecretPaths(out, more);
    };

    for (const [key, value] of Object.entries(node)) {
      if (!HANDLED.has(key) && !DATA_KEYWORDS.has(key) && marksSecrets(value)) {
        throw new InputError(
          `${where}: keyword '${key}' at ${ptr} holds a secret and is not understood`,
        );
      }
    }
    if (isObject(node.properties)) {
      const props: Record<string, SecretPathNode> = {};
      for (const [key, sub] of Object.entries(node.properties)) {
        const child = visit(sub, `${ptr}/properties/${key}`);
        if (child) props[key] = child;
      }
      if (!isEmpty(props)) add({ props });
    }
    if (isObject(node.patternProperties)) {
      const patterns: Array<[string, SecretPathNode]> = [];
      for (const [pattern, sub] of Object.entries(node.patternProperties)) {
        const child = visit(sub, `${ptr}/patternProperties/${pattern}`);
        if (child) patterns.push([pattern, child]);
      }
      if (patterns.length > 0) add({ patterns });
    }
    const other = visit(
      node.additionalProperties,
      `${ptr}/additionalProperties`,
    );
    if (other) {
      // ajv applies additionalProperties only to keys the same schema does
      // not name (after config-loader merges every package's schema).
      const declared = Object.keys(
        isObject(node.properties) ? node.properties : {},
      );
      add(declared.length > 0 ? { other, declared } : { other });
    }
    if (Array.isArray(node.items)) {
      const tuple = node.items.map(
        (sub, i) => visit(sub, `${ptr}/items/${i}`) ?? null,
      );
      if (tuple.some(Boolean)) add({ tuple });
      const rest = visit(node.additionalItems, `${ptr}/additionalItems`);
      if (rest) add({ items: rest });
    } else {
      const items = visit(node.items, `${ptr}/items`);
      if (items) add({ items });
    }
    for (const key of SAME_VALUE) {
      const list = node[key];
      if (Array.isArray(list)) {
        list.forEach((sub, i) => add(visit(sub, `${ptr}/${key}/${i}`)));
      }
    }
    for (const key of SAME_VALUE_SINGLE) {
      add(visit(node[key], `${ptr}/${key}`));
    }
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      const target = resolve(ref, ptr);
      if (refs.includes(ref)) {
        // A recursive type (e.g. a JSON value alias): fine unless it can
        // hold a secret, which a finite tree cannot describe.
        if (marksSecrets(target)) {
          throw new InputError(
            `${where}: recursive $ref ${ref} at ${ptr} holds a secret`,
          );
        }
      } else {
        refs.push(ref);
        add(visit(target, ref));
        refs.pop();
      }
    }
    return out;
  };
  return visit(schema, '#');
}

/**
 * Every string of `data` that sits where `tree` says a secret is, as
 * `@backstage/config-loader` decides it: a string array's elements count
 * when the array itself is marked secret, and everything beneath a
 * `deepVisibility: secret` counts.
 */
export function findSecrets(
  data: JsonValue | undefined,
  tree: SecretPathNode | undefined,
): Set<string> {
  const found = new Set<string>();
  const everything = (value: JsonValue | undefined) => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach(everything);
    else if (isObject(value)) Object.values(value).forEach(everything);
  };
  const walk = (value: JsonValue | undefined, nodes: SecretPathNode[]) => {
    if (nodes.length === 0) return;
    if (nodes.some(n => n.deep)) {
      everything(value);
      return;
    }
    if (typeof value === 'string') {
      if (nodes.some(n => n.secret)) found.add(value);
    } else if (Array.isArray(value)) {
      const arraySecret = nodes.some(n => n.secret);
      value.forEach((element, i) => {
        if (arraySecret && typeof element === 'string') found.add(element);
        const children: SecretPathNode[] = [];
        for (const n of nodes) {
          const positional = n.tuple && i < n.tuple.length;
          const child = positional ? n.tuple![i] : n.items;
          if (child) children.push(child);
        }
        walk(element, children);
      });
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const children: SecretPathNode[] = [];
        for (const n of nodes) {
          const named = n.props?.[key];
          if (named) children.push(named);
          let matched = Boolean(named) || Boolean(n.declared?.includes(key));
          for (const [pattern, sub] of n.patterns ?? []) {
            if (new RegExp(pattern, 'u').test(key)) {
              children.push(sub);
              matched = true;
            }
          }
          if (!matched && n.other) children.push(n.other);
        }
        walk(child, children);
      }
    }
  };
  walk(data, tree ? [tree] : []);
  return found;
}
