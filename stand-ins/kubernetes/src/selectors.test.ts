/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  SelectorError,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  requirementsFromLabelSelector,
} from './selectors';

describe('label selectors', () => {
  const labels = {
    app: 'demo',
    tier: 'web',
    'backstage.io/kubernetes-id': 'demo',
    replicas: '3',
  };
  const matches = (s: string) => matchesLabels(parseLabelSelector(s), labels);

  it.each([
    ['', true],
    ['app=demo', true],
    ['app==demo', true],
    ['app=other', false],
    ['app!=other', true],
    ['missing!=x', true],
    ['app in (demo, other)', true],
    ['app in (other)', false],
    ['app notin (other)', true],
    ['missing notin (other)', true],
    ['app notin (demo)', false],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['app=demo,tier in (web,api),backstage.io/kubernetes-id=demo', true],
    ['app=demo,tier=api', false],
    ['replicas>2', true],
    ['replicas<2', false],
  ])('%s -> %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it.each([
    'app in (demo',
    'app=demo,',
    '=x',
    'a b c',
    'app=bad value',
    'replicas>two',
    'Not_A/valid key=x',
  ])('rejects %s', selector => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
  });

  it('turns matchLabels and matchExpressions into requirements', () => {
    const reqs = requirementsFromLabelSelector({
      matchLabels: { app: 'demo' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(matchesLabels(reqs, labels)).toBe(true);
    expect(matchesLabels(reqs, { ...labels, canary: 'true' })).toBe(false);
  });
});

describe('field selectors', () => {
  it('matches dotted paths with = and !=', () => {
    const event = {
      involvedObject: { name: 'pod-1', kind: 'Pod' },
      type: 'Normal',
    };
    expect(
      matchesFields(parseFieldSelector('involvedObject.name=pod-1'), event),
    ).toBe(true);
    expect(
      matchesFields(parseFieldSelector('involvedObject.name=pod-2'), event),
    ).toBe(false);
    expect(
      matchesFields(
        parseFieldSelector('involvedObject.kind==Pod,type!=Warning'),
        event,
      ),
    ).toBe(true);
    expect(() => parseFieldSelector('nonsense')).toThrow(SelectorError);
  });
});
