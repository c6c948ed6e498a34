/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { parseProjectSlug } from './projectSlug';

describe('parseProjectSlug', () => {
  it('reads owner/repo', () => {
    expect(parseProjectSlug('launchpad-demo/orders-demo')).toEqual({
      owner: 'launchpad-demo',
      repo: 'orders-demo',
    });
    expect(parseProjectSlug(' octo-org/hello.world_2 ')).toEqual({
      owner: 'octo-org',
      repo: 'hello.world_2',
    });
  });

  it('refuses what GitHub would not accept as a repository', () => {
    for (const value of [
      undefined,
      '',
      'orders-demo',
      'a/b/c',
      '-org/repo',
      'org/..',
      'org/re po',
      'org/repo?x=1',
      `${'o'.repeat(40)}/repo`,
    ]) {
      expect(parseProjectSlug(value)).toBeUndefined();
    }
  });
});
