/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Argo CD's RBAC, as its API server enforces it (casbin model of
 * util/rbac: `p, subject, resource, action, object, effect` and `g, user,
 * role`; resource, action and object are globs, `g` is transitive; an
 * allowing line that matches grants, and any matching deny wins). The
 * stand-in records which lines granted something, so a test can show that
 * every line of a policy is needed.
 */
import { tokenEquals } from '@internal/stand-in-http';

/** RBAC for the stand-in: the policy and who its tokens are. */
export interface StandInRbacOptions {
  /**
   * Policy CSV as in `argocd-rbac-cm` (`policy.csv`, `policy.<name>.csv`):
   * `p` and `g` lines; empty lines and `#` comments are skipped.
   */
  policy: string;
  /** The local account the stand-in's `token` belongs to. Default `backstage`. */
  account?: string;
  /** A token of Argo CD's built-in `admin` (everything allowed, never recorded). */
  adminToken?: string;
}

/** Who a request comes from. */
export interface Subject {
  name: string;
  /** Built-in admin: bypasses the policy. */
  admin: boolean;
  /** Token issue time, for Argo CD's `iat:` in denials. */
  issuedAt: string;
}

interface PolicyLine {
  text: string;
  subject: string;
  resource: RegExp;
  action: RegExp;
  object: RegExp;
  effect: 'allow' | 'deny';
}

/** A glob of gobwas/glob (Argo CD's `globMatch`): `*`, `?`, `{a,b}`; `*` spans `/`. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in glob "${glob}"`);
      out += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map(escape)
        .join('|')})`;
      i = end;
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A parsed policy that records which of its lines granted a request. */
export class RbacPolicy {
  private readonly lines: PolicyLine[] = [];
  /** `g` lines: member -> roles, with the line's text. */
  private readonly groups = new Map<
    string,
    Array<{ role: string; text: string }>
  >();
  private readonly used = new Set<string>();
  private readonly allLines: string[] = [];

  constructor(csv: string) {
    for (const raw of csv.split('\n')) {
      const text = raw.trim();
      if (!text || text.startsWith('#')) continue;
      const fields = text.split(',').map(f => f.trim());
      if (fields[0] === 'p' && fields.length === 6) {
        const [, subject, resource, action, object, effect] = fields;
        if (effect !== 'allow' && effect !== 'deny') {
          throw new Error(
            `policy line "${text}": effect must be allow or deny`,
          );
        }
        this.lines.push({
          text,
          subject,
          resource: globToRegExp(resource),
          action: globToRegExp(action),
          object: globToRegExp(object),
          effect,
        });
      } else if (fields[0] === 'g' && fields.length === 3) {
        const list = this.groups.get(fields[1]) ?? [];
        list.push({ role: fields[2], text });
        this.groups.set(fields[1], list);
      } else {
        throw new Error(
          `policy line "${text}" is neither "p, subject, resource, action, object, effect" nor "g, subject, role"`,
        );
      }
      this.allLines.push(text);
    }
  }

  /** The subject and every role it has through `g` lines, with the lines used. */
  private roles(subject: string): Map<string, string[]> {
    const found = new Map<string, string[]>([[subject, []]]);
    const queue = [subject];
    while (queue.length) {
      const current = queue.shift()!;
      for (const { role, text } of this.groups.get(current) ?? []) {
        if (!found.has(role)) {
          found.set(role, [...found.get(current)!, text]);
          queue.push(role);
        }
      }
    }
    return found;
  }

  /** Whether the subject may; an allowed request marks the lines that granted it. */
  enforce(
    subject: string,
    resource: string,
    action: string,
    object: string,
  ): boolean {
    const roles = this.roles(subject);
    const matching = this.lines.filter(
      l =>
        roles.has(l.subject) &&
        l.resource.test(resource) &&
        l.action.test(action) &&
        l.object.test(object),
    );
    if (
      matching.some(l => l.effect === 'deny') ||
      !matching.some(l => l.effect === 'allow')
    ) {
      return false;
    }
    for (const line of matching) {
      this.used.add(line.text);
      for (const g of roles.get(line.subject)!) this.used.add(g);
    }
    return true;
  }

  /** Every `p` and `g` line, as written. */
  policyLines(): string[] {
    return [...this.allLines];
  }

  /** The lines that granted at least one request so far. */
  usedLines(): string[] {
    return this.allLines.filter(l => this.used.has(l));
  }
}

/**
 * Argo CD's `EnforceErr` message: `permission denied: <resource>, <action>,
 * <object>, sub: <subject>, iat: <issued at>`.
 */
export function permissionDeniedMessage(
  subject: Subject,
  resource: string,
  action: string,
  object: string,
): string {
  return `permission denied: ${resource}, ${action}, ${object}, sub: ${subject.name}, iat: ${subject.issuedAt}`;
}

/** The stand-in's view of RBAC: who a token is, and what they may do. */
export class StandInAccess {
  private readonly issuedAt = new Date()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');

  constructor(
    private readonly token: string,
    private readonly rbac?: StandInRbacOptions,
    readonly policy = rbac ? new RbacPolicy(rbac.policy) : undefined,
  ) {}

  /** The subject of a bearer token, or undefined for an unknown token. */
  subjectFor(bearer: string): Subject | undefined {
    if (tokenEquals(bearer, this.token)) {
      return {
        name: this.rbac?.account ?? 'backstage',
        // Without a policy the token may do everything (as before RBAC).
        admin: !this.policy,
        issuedAt: this.issuedAt,
      };
    }
    if (this.rbac?.adminToken && tokenEquals(bearer, this.rbac.adminToken)) {
      return { name: 'admin', admin: true, issuedAt: this.issuedAt };
    }
    return undefined;
  }

  can(subject: Subject, resource: string, action: string, object: string) {
    return (
      subject.admin ||
      Boolean(this.policy?.enforce(subject.name, resource, action, object))
    );
  }

  /** Undefined when allowed, else Argo CD's denial message. */
  denial(
    subject: Subject,
    resource: string,
    action: string,
    object: string,
  ): string | undefined {
    return this.can(subject, resource, action, object)
      ? undefined
      : permissionDeniedMessage(subject, resource, action, object);
  }
}
