/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkConfigEnvironment, configFilesFromArgv, preflight } from './preflight';

const repoRoot = path.resolve(__dirname, '../../..');
const files = [
  path.join(repoRoot, 'app-config.yaml'),
  path.join(repoRoot, 'app-config.production.yaml'),
];

const productionEnv = {
  APP_BASE_URL: 'https://portal.example.com',
  POSTGRES_HOST: 'db.example.internal',
  POSTGRES_USER: 'portal',
  POSTGRES_PASSWORD: 'pw',
  AUTH_GITHUB_CLIENT_ID: 'id',
  AUTH_GITHUB_CLIENT_SECRET: 'secret',
  TECHDOCS_S3_BUCKET: 'docs',
  AWS_REGION: 'ap-northeast-2',
  GITHUB_ORG: 'launchpad-demo',
};

describe('checkConfigEnvironment on the real config files', () => {
  it('accepts a complete production environment', () => {
    expect(checkConfigEnvironment({ files, env: productionEnv })).toEqual([]);
  });

  it('names a missing POSTGRES_HOST and where it is needed', () => {
    const { POSTGRES_HOST: _, ...env } = productionEnv;
    const problems = checkConfigEnvironment({ files, env });
    expect(problems.map(p => p.message)).toEqual([
      'POSTGRES_HOST is not set (needed for backend.database.connection.host in app-config.production.yaml)',
    ]);
  });

  it('rejects a malformed base URL', () => {
    const problems = checkConfigEnvironment({
      files,
      env: { ...productionEnv, APP_BASE_URL: 'portal.example.com' },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].variable).toBe('APP_BASE_URL');
    expect(problems[0].message).toMatch(/must make app\.baseUrl an http\(s\) URL/);
  });

  it('treats ${X:-} references as optional and ignores development files', () => {
    // GITHUB_TOKEN and PORTAL_API_TOKEN are unset here, yet nothing is reported.
    expect(checkConfigEnvironment({ files, env: productionEnv })).toEqual([]);
    expect(checkConfigEnvironment({ files: [files[0]], env: {} })).toEqual([]);
  });
});

describe('configFilesFromArgv', () => {
  it('reads both --config forms and skips remote URLs', () => {
    expect(
      configFilesFromArgv(
        ['--config', 'a.yaml', '--config=b.yaml', '--config', 'https://x/c.yaml', '--other'],
        '/srv',
      ),
    ).toEqual(['/srv/a.yaml', '/srv/b.yaml']);
  });
});

describe('preflight', () => {
  it('prints exactly one line and exits with 78 on problems', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
    const file = path.join(dir, 'app-config.production.yaml');
    fs.writeFileSync(file, 'backend:\n  baseUrl: ${BASE}\n  database:\n    connection:\n      host: ${DB_HOST}\n');
    const lines: string[] = [];
    const exit = jest.fn();
    preflight(
      {
        argv: ['node', 'backend', '--config', file],
        env: { BASE: 'not a url' },
        cwd: () => dir,
        exit: exit as any,
      },
      line => lines.push(line),
    );
    expect(exit).toHaveBeenCalledWith(78);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('BASE must make backend.baseUrl an http(s) URL');
    expect(lines[0]).toContain('DB_HOST is not set');
    expect(lines[0]).not.toContain('\n');
  });

  it('does nothing when everything is set', () => {
    const exit = jest.fn();
    preflight(
      { argv: ['node', 'backend', '--config', files[0], '--config', files[1]], env: productionEnv, cwd: () => repoRoot, exit: exit as any },
      () => {},
    );
    expect(exit).not.toHaveBeenCalled();
  });
});
