/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readRepositoryCiSettings } from './settings';

const read = (repositoryCi: JsonObject) =>
  readRepositoryCiSettings(new ConfigReader({ launchpad: { repositoryCi } }));

describe('readRepositoryCiSettings', () => {
  it('reads owners, variables and secrets', () => {
    expect(
      read({
        owners: ['acme'],
        variables: { TECHDOCS_AWS_REGION: 'ap-northeast-2' },
        secrets: { GITOPS_APP_PRIVATE_KEY: 'k' },
      }),
    ).toEqual({
      owners: ['acme'],
      variables: { TECHDOCS_AWS_REGION: 'ap-northeast-2' },
      secrets: { GITOPS_APP_PRIVATE_KEY: 'k' },
    });
    expect(readRepositoryCiSettings(new ConfigReader({}))).toBeUndefined();
  });

  it('refuses names GitHub refuses, empty values and a name in both maps', () => {
    expect(() =>
      read({ owners: ['acme'], variables: { 'BAD-NAME': 'x' } }),
    ).toThrow(
      /launchpad\.repositoryCi\.variables\.BAD-NAME: GitHub Actions variables names use letters/,
    );
    expect(() =>
      read({ owners: ['acme'], secrets: { GITHUB_TOKEN: 'x' } }),
    ).toThrow(/do not start with GITHUB_/);
    expect(() =>
      read({ owners: ['acme'], secrets: { GITOPS_APP_PRIVATE_KEY: ' ' } }),
    ).toThrow(/GITOPS_APP_PRIVATE_KEY is empty/);
    expect(() =>
      read({
        owners: ['acme'],
        variables: { GITOPS_APP_ID: '1' },
        secrets: { GITOPS_APP_ID: '1' },
      }),
    ).toThrow(/GITOPS_APP_ID is both a variable and a secret/);
    expect(() => read({ variables: {} })).toThrow(/owners/);
  });
});
