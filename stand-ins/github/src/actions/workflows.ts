/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { parse } from 'yaml';

/**
 * Which workflows GitHub Actions would start for a push, decided the way
 * GitHub documents it ("Events that trigger workflows: push", "Workflow
 * syntax: on.push.<branches|paths>", "Skipping workflow runs"). The stand-in
 * records a run for each; it never executes a job.
 */

/** A workflow file as read from `.github/workflows/` of the pushed commit. */
export interface WorkflowFile {
  /** `.github/workflows/ci.yaml` */
  path: string;
  text: string;
}

/** What the stand-in knows about a workflow file after reading it. */
export type ParsedWorkflow =
  | {
      valid: true;
      path: string;
      /** `name:`, or the path when the file has none (as GitHub shows it). */
      name: string;
      /** The `on.push` filter; `undefined` when the workflow has no push trigger. */
      push?: PushFilter;
    }
  | { valid: false; path: string; name: string; error: string };

export interface PushFilter {
  branches?: string[];
  branchesIgnore?: string[];
  paths?: string[];
  pathsIgnore?: string[];
}

/** A push to one branch. */
export interface PushEvent {
  branch: string;
  /** Files changed by the push (every file of the commit for a new branch). */
  changedFiles: string[];
  /** The message of the pushed head commit. */
  headCommitMessage: string;
}

const SKIP_MARKERS = [
  '[skip ci]',
  '[ci skip]',
  '[no ci]',
  '[skip actions]',
  '[actions skip]',
];

function stringList(value: unknown, key: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some(v => typeof v !== 'string')) {
    throw new Error(`on.push.${key} must be a string or a list of strings`);
  }
  return list as string[];
}

function readPushFilter(on: unknown): PushFilter | undefined {
  if (on === 'push') return {};
  if (Array.isArray(on)) return on.includes('push') ? {} : undefined;
  if (!on || typeof on !== 'object' || !('push' in on)) return undefined;
  const push = (on as Record<string, unknown>).push;
  if (push === null || push === undefined) return {};
  if (typeof push !== 'object' || Array.isArray(push)) {
    throw new Error('on.push must be a mapping');
  }
  const p = push as Record<string, unknown>;
  const filter: PushFilter = {
    branches: stringList(p.branches, 'branches'),
    branchesIgnore: stringList(p['branches-ignore'], 'branches-ignore'),
    paths: stringList(p.paths, 'paths'),
    pathsIgnore: stringList(p['paths-ignore'], 'paths-ignore'),
  };
  if (filter.branches && filter.branchesIgnore) {
    throw new Error(
      'you may only define one of `branches` and `branches-ignore` for a single event',
    );
  }
  if (filter.paths && filter.pathsIgnore) {
    throw new Error(
      'you may only define one of `paths` and `paths-ignore` for a single event',
    );
  }
  return filter;
}

/** Reads a workflow file; a file GitHub would reject comes back `valid: false`. */
export function parseWorkflow(file: WorkflowFile): ParsedWorkflow {
  let doc: unknown;
  try {
    doc = parse(file.text);
  } catch (e) {
    return {
      valid: false,
      path: file.path,
      name: file.path,
      error: `Invalid workflow file: ${(e as Error).message.split('\n')[0]}`,
    };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return {
      valid: false,
      path: file.path,
      name: file.path,
      error: 'Invalid workflow file: the file is not a YAML mapping',
    };
  }
  const d = doc as Record<string, unknown>;
  const name = typeof d.name === 'string' && d.name ? d.name : file.path;
  // YAML 1.1 readers turn a bare `on` key into `true`; the `yaml` package
  // (YAML 1.2) keeps it as the string "on".
  const on = d.on ?? d.true;
  if (on === undefined) {
    return {
      valid: false,
      path: file.path,
      name,
      error: "Invalid workflow file: No event triggers defined in `on'",
    };
  }
  try {
    return { valid: true, path: file.path, name, push: readPushFilter(on) };
  } catch (e) {
    return {
      valid: false,
      path: file.path,
      name,
      error: `Invalid workflow file: ${(e as Error).message}`,
    };
  }
}

function escapeRegExp(s: string) {
  return s.replace(/[.+^${}()|\\]/g, '\\$&');
}

/**
 * GitHub's filter pattern: `*` matches any characters but `/`, `**` any
 * characters, `?` one character; `[...]` is a character class.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '.';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
      } else {
        out += pattern.slice(i, end + 1);
        i = end;
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return new RegExp(`^${out}$`);
}

/**
 * Whether `value` is selected by an ordered pattern list: later patterns
 * win, and a pattern starting with `!` excludes what matched before.
 */
export function matchesPatterns(value: string, patterns: string[]): boolean {
  let selected = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (globToRegExp(pattern.slice(1)).test(value)) selected = false;
    } else if (globToRegExp(pattern).test(value)) {
      selected = true;
    }
  }
  return selected;
}

/** Whether GitHub would skip push workflows for this head commit message. */
export function skipsWorkflows(message: string): boolean {
  const lower = message.toLowerCase();
  if (SKIP_MARKERS.some(m => lower.includes(m))) return true;
  // Or a `skip-checks: true` trailer: a line in the message's last paragraph.
  const paragraphs = message.trim().split(/\n\s*\n/);
  return /^skip-checks:\s*true$/im.test(paragraphs[paragraphs.length - 1]);
}

/** Whether the workflow's `on.push` filter starts a run for this push. */
export function triggersOnPush(
  workflow: ParsedWorkflow,
  push: PushEvent,
): boolean {
  if (!workflow.valid) return true; // GitHub records a failed run for it
  const filter = workflow.push;
  if (!filter) return false;
  if (filter.branches && !matchesPatterns(push.branch, filter.branches)) {
    return false;
  }
  if (
    filter.branchesIgnore &&
    matchesPatterns(push.branch, filter.branchesIgnore)
  ) {
    return false;
  }
  if (filter.paths) {
    const paths = filter.paths;
    if (!push.changedFiles.some(f => matchesPatterns(f, paths))) return false;
  }
  if (filter.pathsIgnore) {
    const ignore = filter.pathsIgnore;
    if (push.changedFiles.every(f => matchesPatterns(f, ignore))) return false;
  }
  return true;
}
