/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Kubernetes label selectors (`?labelSelector=`) and field selectors
 * (`?fieldSelector=`), in the string forms the API server accepts.
 */

export type Requirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

export class SelectorError extends Error {}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of input) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function checkKey(key: string, raw: string) {
  if (!KEY.test(key) || key.split('/').pop()!.length > 63) {
    throw new SelectorError(
      `unable to parse requirement: invalid label key "${key}" in "${raw}"`,
    );
  }
}

function checkValue(value: string, raw: string) {
  if (!VALUE.test(value) || value.length > 63) {
    throw new SelectorError(
      `unable to parse requirement: invalid label value "${value}" in "${raw}"`,
    );
  }
}

/** Parses a label selector string; throws {@link SelectorError} when it is malformed. */
export function parseLabelSelector(input: string): Requirement[] {
  const trimmed = input.trim();
  if (!trimmed) return [];
  return splitTopLevel(trimmed).map(part => {
    const raw = part.trim();
    if (!raw) {
      throw new SelectorError(`found '', expected: identifier in "${input}"`);
    }
    let m = /^!\s*(\S+)$/.exec(raw);
    if (m) {
      checkKey(m[1], raw);
      return { key: m[1], op: 'notexists' };
    }
    m = /^(\S+?)\s+(in|notin)\s*\((.*)\)$/.exec(raw);
    if (m) {
      checkKey(m[1], raw);
      const values = m[3]
        .split(',')
        .map(v => v.trim())
        .filter((v, _i, all) => v !== '' || all.length === 1);
      values.forEach(v => checkValue(v, raw));
      return { key: m[1], op: m[2] as 'in' | 'notin', values };
    }
    m = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*([^=!<>\s]*)$/.exec(raw);
    if (m) {
      const [, key, operator, value] = m;
      checkKey(key, raw);
      if (operator === '<' || operator === '>') {
        const n = Number(value);
        if (!/^-?\d+$/.test(value)) {
          throw new SelectorError(
            `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer in "${raw}"`,
          );
        }
        return { key, op: operator === '<' ? 'lt' : 'gt', value: n };
      }
      checkValue(value, raw);
      return { key, op: operator === '!=' ? 'neq' : 'eq', value };
    }
    if (/^\S+$/.test(raw) && !/[=!<>()]/.test(raw)) {
      checkKey(raw, raw);
      return { key: raw, op: 'exists' };
    }
    throw new SelectorError(`unable to parse requirement: "${raw}"`);
  });
}

/** Whether a label map satisfies every requirement. */
export function matchesLabels(
  requirements: Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'eq':
        return has && l[r.key] === r.value;
      case 'neq':
        return !has || l[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(l[r.key])) return false;
        const n = Number(l[r.key]);
        return r.op === 'gt' ? n > r.value : n < r.value;
      }
      default:
        return false;
    }
  });
}

/** A `spec.selector` (matchLabels + matchExpressions) as requirements. */
export function requirementsFromLabelSelector(selector: {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}): Requirement[] {
  const out: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(
    ([key, value]) => ({ key, op: 'eq' as const, value }),
  );
  for (const e of selector.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') {
      out.push({ key: e.key, op, values: e.values ?? [] });
    } else if (op === 'exists') {
      out.push({ key: e.key, op: 'exists' });
    } else if (op === 'doesnotexist') {
      out.push({ key: e.key, op: 'notexists' });
    }
  }
  return out;
}

export interface FieldRequirement {
  path: string[];
  op: 'eq' | 'neq';
  value: string;
}

/** Parses `involvedObject.name=foo,metadata.namespace!=bar`. */
export function parseFieldSelector(input: string): FieldRequirement[] {
  const trimmed = input.trim();
  if (!trimmed) return [];
  return trimmed.split(',').map(part => {
    const m = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
    if (!m) {
      throw new SelectorError(`invalid selector: '${part}'; can't understand`);
    }
    return {
      path: m[1].split('.'),
      op: m[2] === '!=' ? 'neq' : 'eq',
      value: m[3],
    };
  });
}

export function matchesFields(
  requirements: FieldRequirement[],
  object: unknown,
): boolean {
  return requirements.every(r => {
    let v: any = object;
    for (const p of r.path) v = v?.[p];
    const s = v === undefined || v === null ? '' : String(v);
    return r.op === 'eq' ? s === r.value : s !== r.value;
  });
}
