/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import { readLaunchpadAccessConfig } from './config';

const read = (access: unknown) =>
  readLaunchpadAccessConfig(
    new ConfigReader(access === undefined ? {} : { launchpad: { access } }),
  );

describe('readLaunchpadAccessConfig', () => {
  it('normalizes group references and fills defaults', () => {
    expect(
      read({
        platformGroups: ['group:default/Platform', 'group:ops'],
        templateAudiences: { sre: ['group:default/platform-sre'], none: [] },
      }),
    ).toEqual({
      platformGroups: ['group:default/platform', 'group:default/ops'],
      templateRunners: [],
      templateAudiences: { sre: ['group:default/platform-sre'], none: [] },
    });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a missing launchpad.access',
      undefined,
      /^launchpad\.access is missing: .*platformGroups: \[group:default\/platform\]/,
    ],
    [
      'launchpad.access that is not an object',
      'platform',
      /^launchpad\.access must be an object/,
    ],
    [
      'missing platformGroups',
      { templateRunners: ['group:default/payments'] },
      /^launchpad\.access\.platformGroups is missing or empty/,
    ],
    [
      'empty platformGroups',
      { platformGroups: [] },
      /^launchpad\.access\.platformGroups is missing or empty/,
    ],
    [
      'platformGroups as a string',
      { platformGroups: 'group:default/platform' },
      /^launchpad\.access\.platformGroups must be a list of group entity references/,
    ],
    [
      'a bare team name',
      { platformGroups: ['platform'] },
      /^launchpad\.access\.platformGroups\[0\] is 'platform', which is not a group entity reference \(group:<namespace>\/<name>\); write it as group:default\/platform$/,
    ],
    [
      'a user reference',
      {
        platformGroups: ['group:default/platform'],
        templateRunners: ['group:default/payments', 'user:default/sora-choi'],
      },
      /^launchpad\.access\.templateRunners\[1\] is 'user:default\/sora-choi', which is not a group entity reference/,
    ],
    [
      'a malformed reference',
      { platformGroups: ['group:default/platform/x'] },
      /^launchpad\.access\.platformGroups\[0\] is 'group:default\/platform\/x', which is not a valid group entity reference/,
    ],
    [
      'an audience with a bare name',
      {
        platformGroups: ['group:default/platform'],
        templateAudiences: { sre: ['platform-sre'] },
      },
      /^launchpad\.access\.templateAudiences\.sre\[0\] is 'platform-sre'.*write it as group:default\/platform-sre$/,
    ],
    [
      'templateAudiences as a list',
      {
        platformGroups: ['group:default/platform'],
        templateAudiences: ['group:default/x'],
      },
      /^launchpad\.access\.templateAudiences must map audience names/,
    ],
  ])('rejects %s with a message naming the key', (_what, access, message) => {
    let error: any;
    try {
      read(access);
    } catch (e) {
      error = e;
    }
    expect(error?.name).toBe('InputError');
    expect(error.message).toMatch(message);
  });
});
