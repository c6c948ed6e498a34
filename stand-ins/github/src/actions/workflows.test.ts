/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  globToRegExp,
  matchesPatterns,
  parseWorkflow,
  skipsWorkflows,
  triggersOnPush,
} from './workflows';

// The `on:` blocks of the FastAPI template's workflows
// (templates/fastapi-service/skeleton/.github/workflows).
const CI = `name: ci
on:
  push:
    branches: [main]
  pull_request:
    branches: [main]
  workflow_dispatch: {}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ github.sha }}
`;
const TECHDOCS = `name: techdocs
on:
  push:
    branches: [main]
    paths:
      - docs/**
      - mkdocs.yml
      - catalog-info.yaml
      - .github/workflows/techdocs.yaml
  workflow_dispatch: {}
jobs: {}
`;

const push = (branch: string, changedFiles: string[], message = 'change') => ({
  branch,
  changedFiles,
  headCommitMessage: message,
});

describe('parseWorkflow', () => {
  it('reads the name and the push filter', () => {
    expect(
      parseWorkflow({ path: '.github/workflows/ci.yaml', text: CI }),
    ).toEqual({
      valid: true,
      path: '.github/workflows/ci.yaml',
      name: 'ci',
      push: { branches: ['main'] },
    });
  });

  it('takes every short form of a push trigger', () => {
    for (const on of ['push', '[push, pull_request]', '{ push: null }']) {
      const wf = parseWorkflow({
        path: 'w.yml',
        text: `on: ${on}\njobs: {}\n`,
      });
      expect(wf).toMatchObject({ valid: true, name: 'w.yml', push: {} });
    }
    const manual = parseWorkflow({
      path: 'w.yml',
      text: 'on: workflow_dispatch\njobs: {}\n',
    });
    expect(manual).toMatchObject({ valid: true, push: undefined });
  });

  it('reports a file GitHub would reject, with the reason', () => {
    expect(parseWorkflow({ path: 'a.yml', text: 'on: [push\n' })).toMatchObject(
      {
        valid: false,
        error: expect.stringMatching(/^Invalid workflow file: /),
      },
    );
    expect(parseWorkflow({ path: 'b.yml', text: 'jobs: {}\n' })).toMatchObject({
      valid: false,
      error: "Invalid workflow file: No event triggers defined in `on'",
    });
    expect(
      parseWorkflow({
        path: 'c.yml',
        text: 'on:\n  push:\n    branches: [main]\n    branches-ignore: [x]\n',
      }),
    ).toMatchObject({
      valid: false,
      error:
        'Invalid workflow file: you may only define one of `branches` and `branches-ignore` for a single event',
    });
  });
});

describe('triggersOnPush', () => {
  const ci = parseWorkflow({ path: 'ci.yaml', text: CI });
  const techdocs = parseWorkflow({ path: 'techdocs.yaml', text: TECHDOCS });

  it('runs ci on a push to main only', () => {
    expect(triggersOnPush(ci, push('main', ['app/main.py']))).toBe(true);
    expect(triggersOnPush(ci, push('feature/x', ['app/main.py']))).toBe(false);
  });

  it('runs techdocs only when the docs or their config changed', () => {
    expect(triggersOnPush(techdocs, push('main', ['app/main.py']))).toBe(false);
    expect(
      triggersOnPush(techdocs, push('main', ['app/main.py', 'docs/a/b.md'])),
    ).toBe(true);
    expect(triggersOnPush(techdocs, push('main', ['mkdocs.yml']))).toBe(true);
  });

  it('skips runs when every changed file is ignored', () => {
    const wf = parseWorkflow({
      path: 'w.yml',
      text: 'on:\n  push:\n    paths-ignore: ["**.md"]\n',
    });
    expect(triggersOnPush(wf, push('main', ['README.md', 'docs/x.md']))).toBe(
      false,
    );
    expect(triggersOnPush(wf, push('main', ['README.md', 'x.py']))).toBe(true);
  });

  it('never runs a workflow without a push trigger, always records a broken file', () => {
    const manual = parseWorkflow({
      path: 'm.yml',
      text: 'on: workflow_dispatch\n',
    });
    expect(triggersOnPush(manual, push('main', ['x']))).toBe(false);
    const broken = parseWorkflow({ path: 'b.yml', text: 'on: [push\n' });
    expect(triggersOnPush(broken, push('main', ['x']))).toBe(true);
  });
});

describe('patterns', () => {
  it('follows GitHub’s glob rules', () => {
    expect(globToRegExp('docs/*').test('docs/a.md')).toBe(true);
    expect(globToRegExp('docs/*').test('docs/a/b.md')).toBe(false);
    expect(globToRegExp('docs/**').test('docs/a/b.md')).toBe(true);
    expect(globToRegExp('release/v?').test('release/v1')).toBe(true);
    expect(globToRegExp('v[12].x').test('v2.x')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });

  it('lets a later ! pattern exclude, and a later pattern include again', () => {
    const patterns = [
      'releases/**',
      '!releases/**-alpha',
      'releases/keep-alpha',
    ];
    expect(matchesPatterns('releases/1.0', patterns)).toBe(true);
    expect(matchesPatterns('releases/1.0-alpha', patterns)).toBe(false);
    expect(matchesPatterns('releases/keep-alpha', patterns)).toBe(true);
  });
});

describe('skipsWorkflows', () => {
  it('honours the skip instructions GitHub documents', () => {
    expect(skipsWorkflows('chore(deploy): orders 1a2b [skip ci]')).toBe(true);
    expect(skipsWorkflows('docs: typo [CI SKIP]')).toBe(true);
    expect(skipsWorkflows('fix\n\nskip-checks: true')).toBe(true);
    expect(skipsWorkflows('fix: skip ci flakiness in tests')).toBe(false);
  });
});
