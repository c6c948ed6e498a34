/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import path from 'node:path';
import {
  baselineCacheKey,
  baselineCacheRoot,
  createAppVersionFor,
  withResolutions,
} from './cache';

const id = {
  release: '1.55.0',
  createAppVersion: '0.9.2',
  resolutions: {
    '@backstage/catalog-model': '1.10.1',
    '@backstage/plugin-catalog-backend': '4.0.0',
  },
  nodeAbi: '127',
};

describe('baselineCacheKey', () => {
  it('is the release and a short hash, stable across calls and key order', () => {
    const key = baselineCacheKey(id);
    expect(key).toMatch(/^1\.55\.0-[0-9a-f]{12}$/);
    expect(
      baselineCacheKey({
        ...id,
        resolutions: {
          '@backstage/plugin-catalog-backend': '4.0.0',
          '@backstage/catalog-model': '1.10.1',
        },
      }),
    ).toBe(key);
  });

  it('changes with a resolution, the create-app version or the Node.js ABI', () => {
    const key = baselineCacheKey(id);
    expect(
      baselineCacheKey({
        ...id,
        resolutions: {
          ...id.resolutions,
          '@backstage/catalog-model': '1.10.2',
        },
      }),
    ).not.toBe(key);
    expect(
      baselineCacheKey({
        ...id,
        resolutions: { ...id.resolutions, 'better-sqlite3': '13.2.0' },
      }),
    ).not.toBe(key);
    expect(baselineCacheKey({ ...id, createAppVersion: '0.9.3' })).not.toBe(
      key,
    );
    expect(baselineCacheKey({ ...id, nodeAbi: '137' })).not.toBe(key);
  });

  it('refuses a release that is not a version', () => {
    expect(() => baselineCacheKey({ ...id, release: '../x' })).toThrow(
      "release must look like 1.55.0, got '../x'",
    );
  });
});

describe('baselineCacheRoot', () => {
  it('is under ~/.cache/launchpad by default, outside any repository', () => {
    expect(baselineCacheRoot({}, '/home/dev')).toBe(
      '/home/dev/.cache/launchpad/bench-baseline',
    );
  });

  it('follows XDG_CACHE_HOME and an explicit folder', () => {
    expect(baselineCacheRoot({ XDG_CACHE_HOME: '/var/cache/me' }, '/h')).toBe(
      '/var/cache/me/launchpad/bench-baseline',
    );
    expect(
      baselineCacheRoot({ LAUNCHPAD_BENCH_BASELINE_DIR: 'rel/dir' }, '/h'),
    ).toBe(path.resolve('rel/dir'));
  });
});

describe('createAppVersionFor', () => {
  it('knows the create-app of our release', () => {
    expect(createAppVersionFor('1.55.0')).toBe('0.9.2');
  });

  it('says where to add an unknown release', () => {
    expect(() => createAppVersionFor('1.56.0')).toThrow(
      /No @backstage\/create-app version is known for Backstage 1\.56\.0 \(known: 1\.55\.0\); add it to CREATE_APP_FOR_RELEASE/,
    );
  });
});

describe('withResolutions', () => {
  it("keeps the bare app's own resolutions and lets ours win", () => {
    const pkg = {
      name: 'root',
      resolutions: { '@types/react': '^18', 'left-pad': '1.0.0' },
    };
    expect(
      withResolutions(pkg, { '@types/react': '18.3.0', pg: '8.11.3' }),
    ).toEqual({
      name: 'root',
      resolutions: {
        '@types/react': '18.3.0',
        'left-pad': '1.0.0',
        pg: '8.11.3',
      },
    });
    // The input is not changed.
    expect(pkg.resolutions['@types/react']).toBe('^18');
  });

  it('adds resolutions to a package.json without any', () => {
    expect(withResolutions({ name: 'root' }, { pg: '8.11.3' })).toEqual({
      name: 'root',
      resolutions: { pg: '8.11.3' },
    });
  });
});
