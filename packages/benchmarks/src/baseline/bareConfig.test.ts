/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import yaml from 'js-yaml';
import { bareBenchConfig } from './bareConfig';

describe('bareBenchConfig', () => {
  const config = yaml.load(
    bareBenchConfig({
      port: 7123,
      databasePrefix: 'bare_',
      serviceToken: 'abcdef0123456789',
    }),
  ) as any;

  it('listens on the given port with matching base URLs and the database prefix', () => {
    expect(config.backend.listen).toBe(':7123');
    expect(config.backend.baseUrl).toBe('http://localhost:7123');
    expect(config.app.baseUrl).toBe('http://localhost:7123');
    expect(config.backend.database).toEqual({ prefix: 'bare_' });
  });

  it('gives the service token the same catalog-only restriction as ours', () => {
    expect(config.backend.auth.externalAccess).toEqual([
      {
        type: 'static',
        options: { token: 'abcdef0123456789', subject: 'bench-service' },
        accessRestrictions: [
          {
            plugin: 'catalog',
            permission: ['catalog.entity.read', 'catalog.location.read'],
          },
        ],
      },
    ]);
  });

  it('allows guest sign-in in production, for the benchmark only', () => {
    expect(config.auth.providers).toEqual({
      guest: { dangerouslyAllowOutsideDevelopment: true },
    });
  });

  it('reads only the generated catalog, named at start, with its kinds allowed', () => {
    expect(config.catalog.locations).toEqual([
      {
        type: 'file',
        target: '${BENCH_ENTITIES_FILE}',
        rules: [{ allow: ['Group', 'User', 'System', 'API', 'Component'] }],
      },
    ]);
  });

  it('refuses a token the backend would refuse', () => {
    expect(() =>
      bareBenchConfig({ port: 1, databasePrefix: 'b_', serviceToken: 'short' }),
    ).toThrow(
      'the service token must be at least 8 characters without whitespace',
    );
    expect(() =>
      bareBenchConfig({
        port: 1,
        databasePrefix: 'b_',
        serviceToken: 'has a space in it',
      }),
    ).toThrow(/without whitespace/);
  });
});
