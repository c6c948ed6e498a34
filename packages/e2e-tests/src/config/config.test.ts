/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import yaml from 'js-yaml';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { loadConfig, loadConfigSchema } from '@backstage/config-loader';
import { repoRoot } from '@internal/test-support';

// The configuration files as the backend loads them, checked for what each
// environment promises: guest only in development, no dangerous switches,
// and no secret in what the frontend receives.

jest.setTimeout(120_000);

const secrets = {
  POSTGRES_PASSWORD: 'canary-postgres-password-5c1e',
  AUTH_GITHUB_CLIENT_SECRET: 'canary-github-client-secret-77a0',
  GITHUB_TOKEN: 'canary-github-token-9d2b',
  PORTAL_API_TOKEN: 'canary-portal-api-token-e41f',
  ARGOCD_TOKEN: 'canary-argocd-token-3f9c',
};
const productionEnv: Record<string, string> = {
  APP_BASE_URL: 'https://portal.example.com',
  POSTGRES_HOST: 'db.example.internal',
  POSTGRES_USER: 'portal',
  AUTH_GITHUB_CLIENT_ID: 'client-id',
  TECHDOCS_S3_BUCKET: 'docs-bucket',
  AWS_REGION: 'ap-northeast-2',
  GITHUB_ORG: 'launchpad-demo',
  EKS_CLUSTER_NAME: 'launchpad',
  EKS_CLUSTER_URL: 'https://ABCDEF.gr7.ap-northeast-2.eks.amazonaws.com',
  EKS_CLUSTER_CA_DATA: 'LS0tLS1CRUdJTi1DRVJUSUZJQ0FURS0tLS0t',
  ARGOCD_URL: 'https://argocd.example.com',
  ...secrets,
};

async function load(files: string[], env: Record<string, string>) {
  const { appConfigs } = await loadConfig({
    configRoot: repoRoot,
    configTargets: files.map(f => ({ path: path.join(repoRoot, f) })),
    experimentalEnvFunc: async name => env[name],
  });
  return { appConfigs, config: ConfigReader.fromConfigs(appConfigs) };
}

function dangerousKeys(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => dangerousKeys(v, `${at}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(/^dangerously/i.test(k) && v !== null && v !== false
        ? [`${at}.${k}`]
        : []),
      ...dangerousKeys(v, `${at}.${k}`),
    ]);
  }
  return [];
}

const development = ['app-config.yaml', 'app-config.development.yaml'];

describe('development config (app-config.yaml + app-config.development.yaml)', () => {
  it('offers guest sign-in, and the sign-in page lists only configured providers', async () => {
    const { config } = await load(development, {});
    expect(config.has('auth.providers.guest')).toBe(true);
    for (const id of config.getStringArray('launchpad.signIn.providers')) {
      expect(config.has(`auth.providers.${id}`)).toBe(true);
    }
    expect(config.getString('backend.database.client')).toBe('better-sqlite3');
  });
});

describe('production config (app-config.yaml + app-config.production.yaml)', () => {
  const files = ['app-config.yaml', 'app-config.production.yaml'];

  it('has no guest provider and signs in with GitHub only', async () => {
    const { config } = await load(files, productionEnv);
    expect(config.has('auth.providers.guest')).toBe(false);
    // Not even as a key that removes it: only the development file has one.
    const raw = yaml.load(
      fs.readFileSync(
        path.join(repoRoot, 'app-config.production.yaml'),
        'utf8',
      ),
    ) as { auth: { providers: Record<string, unknown> } };
    expect(Object.keys(raw.auth.providers)).toEqual(['github']);
    expect(config.getStringArray('launchpad.signIn.providers')).toEqual([
      'github',
    ]);
    expect(config.has('auth.providers.github.production.clientId')).toBe(true);
    for (const id of config.getStringArray('launchpad.signIn.providers')) {
      expect(config.has(`auth.providers.${id}`)).toBe(true);
    }
  });

  it('uses PostgreSQL and the external TechDocs builder with S3', async () => {
    const { config } = await load(files, productionEnv);
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('techdocs.builder')).toBe('external');
    expect(config.getString('techdocs.publisher.type')).toBe('awsS3');
    expect(config.getString('backend.cors.origin')).toBe(
      'https://portal.example.com',
    );
  });

  it('sets no dangerously* switch anywhere but the scaffolder workspace store', async () => {
    // The one exception, on purpose: the database workspace provider
    // (template runs resumed on another replica keep their rendered files)
    // refuses NODE_ENV=production unless this is set, because Backstage
    // prefers an object store for large workspaces; it opens nothing to
    // users (README, "Several replicas").
    const allowed = [
      '.scaffolder.taskRecovery.database.dangerouslyEnableInProduction',
    ];
    const { appConfigs } = await load(files, productionEnv);
    expect(appConfigs.flatMap(c => dangerousKeys(c.data))).toEqual(allowed);
    const dev = await load(development, {});
    expect(dev.appConfigs.flatMap(c => dangerousKeys(c.data))).toEqual(allowed);
  });

  it('gives every external access entry its own subject', async () => {
    const { config } = await load(files, productionEnv);
    const subjects = config
      .getConfigArray('backend.auth.externalAccess')
      .map(e => e.getString('options.subject'));
    expect(subjects).toContain('portal-api');
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('lets no catalog location but the templates folder define Templates, and none Users or Groups', async () => {
    const { config } = await load(files, productionEnv);
    const kinds = (rules: ReturnType<typeof config.getConfigArray>) =>
      rules.flatMap(r => r.getStringArray('allow').map(k => k.toLowerCase()));
    // Global rules apply to every location: discovered repositories and
    // locations anyone registers through the API.
    const global = kinds(config.getConfigArray('catalog.rules'));
    expect(global).toEqual(
      expect.arrayContaining(['component', 'api', 'system']),
    );
    for (const kind of ['user', 'group', 'template']) {
      expect({ kind, global: global.includes(kind) }).toEqual({
        kind,
        global: false,
      });
    }
    const perLocation = config.getConfigArray('catalog.locations').map(l => ({
      target: l.getString('target'),
      kinds: kinds(l.getOptionalConfigArray('rules') ?? []),
    }));
    expect(perLocation.filter(l => l.kinds.includes('template'))).toEqual([
      { target: './templates/*/template.yaml', kinds: ['template'] },
    ]);
    expect(
      perLocation.filter(l => l.kinds.some(k => k === 'user' || k === 'group')),
    ).toEqual([]);
    // Users and Groups come from the organization.
    expect(
      config
        .getConfigArray('catalog.providers.githubOrg')
        .map(p => p.getStringArray('orgs')),
    ).toEqual([['launchpad-demo']]);
  });

  it('lets the UrlReader fetch from no host besides the integrations', async () => {
    const { config } = await load(files, productionEnv);
    expect(config.get('backend.reading.allow')).toEqual([]);
  });

  it('restricts the browser to its own origin: CORS and CSP', async () => {
    const { config } = await load(files, productionEnv);
    expect(config.getStringArray('backend.csp.connect-src')).toEqual([
      "'self'",
    ]);
    const csp = config.getConfig('backend.csp');
    for (const key of csp.keys()) {
      const sources = csp.getStringArray(key);
      // No scheme-wide sources such as http: or https:
      expect({
        key,
        wide: sources.filter(v => /^[a-z]+:$/.test(v) && v !== 'data:'),
      }).toEqual({
        key,
        wide: [],
      });
      expect({
        key,
        unsafeInline: sources.includes("'unsafe-inline'"),
      }).toEqual({
        key,
        unsafeInline: false,
      });
    }
    expect(config.getString('backend.cors.origin')).toBe(
      productionEnv.APP_BASE_URL,
    );
  });

  it('restricts every external access token to named plugins', async () => {
    const { config } = await load(files, productionEnv);
    for (const entry of config.getConfigArray('backend.auth.externalAccess')) {
      const plugins = entry
        .getConfigArray('accessRestrictions')
        .map(r => r.getString('plugin'));
      expect(plugins.length).toBeGreaterThan(0);
      expect(plugins).not.toContain('auth');
    }
  });

  it('sends no secret to the frontend', async () => {
    const { appConfigs } = await load(files, productionEnv);
    const schema = await loadConfigSchema({
      dependencies: ['app', 'backend'],
      packagePaths: [path.join(repoRoot, 'package.json')],
    });
    const frontend = schema.process(appConfigs, { visibility: ['frontend'] });
    const text = JSON.stringify(frontend);
    for (const [name, value] of Object.entries(secrets)) {
      expect({ name, leaked: text.includes(value) }).toEqual({
        name,
        leaked: false,
      });
    }
    // ...while the frontend does get what it needs.
    expect(text).toContain('https://portal.example.com');
  });
});

describe('Kubernetes and Argo CD in production', () => {
  const production = ['app-config.yaml', 'app-config.production.yaml'];

  it('connects the EKS cluster with the AWS default chain and the Argo CD instance from the environment', async () => {
    const { config } = await load(production, productionEnv);
    const [cluster] = config
      .getConfigArray('kubernetes.clusterLocatorMethods')[0]
      .getConfigArray('clusters');
    expect(cluster.get()).toEqual({
      name: 'launchpad',
      url: productionEnv.EKS_CLUSTER_URL,
      caData: productionEnv.EKS_CLUSTER_CA_DATA,
      authProvider: 'aws',
      authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'launchpad' },
    });
    expect(config.getConfigArray('argocd.instances').map(i => i.get())).toEqual(
      [
        {
          name: 'eks',
          url: 'https://argocd.example.com',
          token: secrets.ARGOCD_TOKEN,
        },
      ],
    );
    // An assumed role, when one is configured.
    const assumed = await load(production, {
      ...productionEnv,
      EKS_ASSUME_ROLE_ARN: 'arn:aws:iam::111122223333:role/launchpad-eks-read',
    });
    const kubernetes = assumed.config.get<any>('kubernetes');
    expect(
      kubernetes.clusterLocatorMethods[0].clusters[0].authMetadata[
        'kubernetes.io/aws-assume-role'
      ],
    ).toBe('arn:aws:iam::111122223333:role/launchpad-eks-read');
  });

  it.each([
    ['kubernetes', 'config/kubernetes.yaml'],
    ['argocd', 'config/argocd.yaml'],
  ])(
    'has the same %s block as %s (what `yarn start` uses for real services)',
    async (key, file) => {
      const [prod, real] = await Promise.all([
        load(['app-config.production.yaml'], productionEnv),
        load([file], productionEnv),
      ]);
      expect(prod.config.get(key)).toEqual(real.config.get(key));
    },
  );
});
