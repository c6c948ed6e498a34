/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import { readArgoCdConfig, selectArgoCdInstance } from './config';
import {
  ARGOCD_URL,
  OTHER_URL,
  testConfig,
} from '@internal/plugin-argocd-node-test-utils';

describe('readArgoCdConfig', () => {
  it('trims trailing slashes, defaults uiUrl to url and the wait defaults', () => {
    const config = readArgoCdConfig(testConfig());
    expect(config.instances.map(({ token, ...rest }) => rest)).toEqual([
      { name: 'production', url: ARGOCD_URL, uiUrl: ARGOCD_URL },
      {
        name: 'staging',
        url: OTHER_URL,
        uiUrl: 'https://ui.staging.example.test',
      },
    ]);
    expect(config.waitDefaults).toEqual({
      intervalSeconds: 5,
      timeoutSeconds: 600,
    });
  });

  it('allows a missing section and refuses a bad url or a repeated name', () => {
    expect(readArgoCdConfig(new ConfigReader({})).instances).toEqual([]);
    const instances = (list: object[]) =>
      new ConfigReader({ argocd: { instances: list } });
    expect(() =>
      readArgoCdConfig(
        instances([{ name: 'a', url: 'argocd.example.test', token: 't' }]),
      ),
    ).toThrow(
      'argocd.instances "a": url must start with http:// or https://, got "argocd.example.test"',
    );
    expect(() =>
      readArgoCdConfig(
        instances([
          { name: 'a', url: ARGOCD_URL, token: 't' },
          { name: 'a', url: OTHER_URL, token: 'u' },
        ]),
      ),
    ).toThrow('argocd.instances: the name "a" is used twice');
  });
});

describe('selectArgoCdInstance', () => {
  const config = readArgoCdConfig(testConfig());

  it('picks the named instance, or the first without a name', () => {
    expect(selectArgoCdInstance(config, 'staging').name).toBe('staging');
    expect(selectArgoCdInstance(config, undefined).name).toBe('production');
  });

  it('answers NotFoundError for an unknown name, saying where the name came from', () => {
    expect(() => selectArgoCdInstance(config, 'qa')).toThrow(
      expect.objectContaining({
        name: 'NotFoundError',
        message:
          'Argo CD instance "qa" is not configured. Configured instances: production, staging.',
      }),
    );
    expect(() =>
      selectArgoCdInstance(config, 'qa', {
        namedBy:
          'the argocd/instance-name annotation of component:default/shop',
      }),
    ).toThrow(
      'Argo CD instance "qa", named by the argocd/instance-name annotation of component:default/shop, is not configured. Configured instances: production, staging.',
    );
  });

  it('answers ServiceUnavailableError when no instance is configured', () => {
    expect(() =>
      selectArgoCdInstance(
        readArgoCdConfig(new ConfigReader({})),
        'production',
      ),
    ).toThrow(
      expect.objectContaining({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining(
          'Argo CD is unavailable: no Argo CD instance is configured in the portal. An administrator adds one under argocd.instances',
        ),
      }),
    );
  });
});
