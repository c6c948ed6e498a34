/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { LOCAL_CONFIG_FILE, planSandbox } from './plan';

const repoRoot = path.resolve(__dirname, '../../..');

/** The config `yarn start` would give the portal, read from `rootDir`. */
async function portalConfig(rootDir: string, files: string[]) {
  const { appConfigs } = await loadConfig({
    configRoot: rootDir,
    configTargets: files.map(f => ({ path: path.resolve(rootDir, f) })),
    experimentalEnvFunc: async () => undefined,
  });
  return ConfigReader.fromConfigs(appConfigs);
}

describe('planSandbox', () => {
  it('uses every stand-in when no real service is configured', () => {
    const plan = planSandbox({});
    expect([plan.github, plan.argocd, plan.kubernetes]).toEqual([
      'stand-in',
      'stand-in',
      'stand-in',
    ]);
    expect(plan.configFiles).toEqual([
      'app-config.yaml',
      'app-config.development.yaml',
      'config/github.sandbox.yaml',
      'config/argocd.sandbox.yaml',
      'config/kubernetes.sandbox.yaml',
    ]);
  });

  it('switches a part to the real service when all of its variables are set', () => {
    const plan = planSandbox({
      ARGOCD_URL: 'https://argocd.example.com',
      ARGOCD_TOKEN: 't',
    });
    expect(plan.argocd).toBe('real');
    expect(plan.configFiles).toContain('config/argocd.yaml');
    expect(plan.notes).toEqual([
      'argocd: real service (ARGOCD_URL, ARGOCD_TOKEN are set)',
    ]);
  });

  it('refuses a part with some but not all of its variables, naming the missing ones', () => {
    expect(() => planSandbox({ GITHUB_ORG: 'acme' })).toThrow(
      'github: GITHUB_ORG is set but AUTH_GITHUB_CLIENT_ID, AUTH_GITHUB_CLIENT_SECRET are not',
    );
  });

  it('loads app-config.local.yaml last when it exists, then LAUNCHPAD_LOCAL_CONFIG', () => {
    expect(
      planSandbox({}, { hasLocalConfig: true }).configFiles.slice(-1),
    ).toEqual([LOCAL_CONFIG_FILE]);
    expect(
      planSandbox(
        { LAUNCHPAD_LOCAL_CONFIG: 'mine.yaml' },
        { hasLocalConfig: true },
      ).configFiles.slice(-2),
    ).toEqual([LOCAL_CONFIG_FILE, 'mine.yaml']);
    expect(planSandbox({}).configFiles).not.toContain(LOCAL_CONFIG_FILE);
  });

  describe('with the repository config files', () => {
    let root: string;
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-plan-'));
      for (const f of ['app-config.yaml', 'app-config.development.yaml']) {
        fs.copyFileSync(path.join(repoRoot, f), path.join(root, f));
      }
      fs.cpSync(path.join(repoRoot, 'config'), path.join(root, 'config'), {
        recursive: true,
      });
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it("lets app-config.local.yaml override the sandbox's settings", async () => {
      const without = await portalConfig(root, planSandbox({}).configFiles);
      expect(without.getString('app.title')).toBe('Launchpad');

      fs.writeFileSync(
        path.join(root, LOCAL_CONFIG_FILE),
        'app:\n  title: Launchpad (my laptop)\nlaunchpad:\n  signIn:\n    providers: [guest]\n',
      );
      const plan = planSandbox({}, { hasLocalConfig: true });
      const withLocal = await portalConfig(root, plan.configFiles);
      expect(withLocal.getString('app.title')).toBe('Launchpad (my laptop)');
      // Later files win over config/github.sandbox.yaml too.
      expect(withLocal.getStringArray('launchpad.signIn.providers')).toEqual([
        'guest',
      ]);
    });
  });
});
