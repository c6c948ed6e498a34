/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AddressInfo, createServer } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderNotificationsModule from '@backstage/plugin-scaffolder-backend-module-notifications';
import argocdModule from '@internal/plugin-scaffolder-backend-module-argocd';
import fastapiModule from '@internal/plugin-scaffolder-backend-module-fastapi';
import repositoryCiModule from '@internal/plugin-scaffolder-backend-module-repository-ci';
import githubPreflightModule from '@internal/plugin-scaffolder-backend-module-github-preflight';
import tenancyModule from '@internal/plugin-scaffolder-backend-module-launchpad-tenancy';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { Service } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { skeletonDir, templateFile } from './index';

const run = promisify(execFile);

// Real tools run here (python3, kubectl, mkdocs, action-validator); a loaded 2-core CI box is slow.
jest.setTimeout(60_000);

// Debian's interpreter carries python3-fastapi/httpx/pytest; a pyenv/venv python3 earlier on PATH would not.
const PYTHON = process.env.FASTAPI_TEMPLATE_PYTHON ?? '/usr/bin/python3';

/** The Application body argocd:app:create logged in a dry run (it sends nothing). */
function dryRunApplication(log: Array<{ body: { message: string } }>) {
  const line = log
    .map(l => l.body.message)
    .find(m => m.includes('Dry run: would create Argo CD Application'));
  return line ? JSON.parse(line.slice(line.indexOf('{'))) : undefined;
}

const sampleValues = {
  name: 'orders-api',
  description: '주문 "API" 서비스: orders & payments',
  owner: 'group:default/platform',
  system: 'system:default/commerce',
  pythonVersion: '3.12',
  repoUrl: 'github.com?owner=acme&repo=orders-api',
  visibility: 'private',
  namespace: 'orders',
  imageRepository:
    '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
  replicas: 3,
  ingressHost: 'orders.apps.example.com',
  ingressScheme: 'internal',
  waitForSync: true,
};

const CERTIFICATE_ARN =
  'arn:aws:acm:ap-northeast-2:123456789012:certificate/5e1c0d2a-1111-2222-3333-444455556666';

/**
 * The platform team owns `orders` here (and `platform`, `platform-*`), under
 * apps.example.com; payments owns its own, under payments.example.net. The mock user the dry runs run as
 * is a member of platform only.
 */
const tenancy = {
  sourceRepos: ['https://github.com/acme/*'],
  defaults: {
    clusters: ['eks'],
    ingress: { domains: ['{group}.example.net'] },
  },
  teams: [
    {
      group: 'group:default/platform',
      namespaces: ['orders', 'platform', 'platform-*'],
      ingress: {
        domains: ['apps.example.com'],
        certificateArn: CERTIFICATE_ARN,
      },
    },
    { group: 'group:default/payments' },
  ],
};

type DryRunResponse = {
  log: { body: { message: string; stepId?: string; status?: string } }[];
  output: {
    links?: { title?: string; url?: string; entityRef?: string }[];
  };
  directoryContents: { path: string; base64Content: string }[];
};

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  });
  const nested = await Promise.all(
    entries.map(e =>
      e.isDirectory()
        ? listFiles(dir, path.join(prefix, e.name))
        : [path.join(prefix, e.name)],
    ),
  );
  return nested.flat();
}

async function runTool(
  file: string,
  args: string[],
  cwd: string,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(file, args, {
      cwd,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e: any) {
    throw new Error(
      `${file} ${args.join(' ')} failed in ${cwd}: ${e.message}\n${
        e.stdout ?? ''
      }\n${e.stderr ?? ''}`,
    );
  }
}

describe('fastapi-service rendered through the scaffolder dry-run API', () => {
  let baseUrl: string;
  let stopBackend: () => Promise<void>;
  let template: unknown;
  let skeletonContents: { path: string; base64Content: string }[];
  let workDir: string;

  async function dryRun(values: Record<string, unknown>, userRef?: string) {
    const res = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(userRef),
      },
      body: JSON.stringify({
        template,
        values,
        directoryContents: skeletonContents,
      }),
    });
    return { status: res.status, body: await res.json() };
  }

  async function writeRendered(body: DryRunResponse, dir: string) {
    for (const file of body.directoryContents) {
      const target = path.join(dir, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, Buffer.from(file.base64Content, 'base64'));
    }
  }

  let rendered: DryRunResponse;
  let projectDir: string;
  const read = (p: string) => fs.readFile(path.join(projectDir, p), 'utf8');

  beforeAll(async () => {
    template = parse(await fs.readFile(templateFile, 'utf8'));
    const skeletonFiles = await listFiles(skeletonDir);
    skeletonContents = await Promise.all(
      skeletonFiles.map(async f => ({
        path: path.posix.join('skeleton', ...f.split(path.sep)),
        base64Content: (
          await fs.readFile(path.join(skeletonDir, f))
        ).toString('base64'),
      })),
    );
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'fastapi-template-'));

    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        scaffolderNotificationsModule,
        githubPreflightModule,
        argocdModule,
        tenancyModule,
        fastapiModule,
        repositoryCiModule,
        // The owner and system the sample values name; catalog:fetch (the
        // template's first checks) runs in dry runs too.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'platform', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'payments', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'mock', namespace: 'default' },
              spec: { memberOf: ['platform'] },
              relations: [
                { type: 'memberOf', targetRef: 'group:default/platform' },
              ],
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'sora', namespace: 'default' },
              spec: { memberOf: ['payments'] },
              relations: [
                { type: 'memberOf', targetRef: 'group:default/payments' },
              ],
            },
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'System',
              metadata: { name: 'commerce', namespace: 'default' },
              spec: { owner: 'group:default/platform' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: workDir },
            integrations: { github: [{ host: 'github.com' }] },
            launchpad: {
              access: { platformGroups: ['group:default/platform'] },
              tenancy,
              fastapi: { python: PYTHON },
              repositoryCi: {
                owners: ['acme'],
                variables: { GITOPS_APP_ID: '100001' },
                secrets: { GITOPS_APP_PRIVATE_KEY: 'dry-run-key-not-sent' },
              },
            },
            argocd: {
              instances: [
                {
                  name: 'eks',
                  url: 'https://argocd.example.test',
                  token: 'dry-run-token-not-sent',
                },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    stopBackend = () => backend.stop();

    const { status, body } = await dryRun(sampleValues);
    if (status !== 200) {
      throw new Error(`dry-run failed: ${status} ${JSON.stringify(body)}`);
    }
    rendered = body;
    projectDir = path.join(workDir, 'rendered');
    await writeRendered(rendered, projectDir);
  }, 180_000);

  afterAll(async () => {
    await stopBackend?.();
    // Set KEEP_RENDERED=1 to inspect the rendered project after the run.
    if (workDir && !process.env.KEEP_RENDERED) {
      await fs.rm(workDir, { recursive: true, force: true });
    } else if (workDir) {
      process.stdout.write(`rendered project kept in ${workDir}/rendered\n`);
    }
  });

  it('renders every skeleton file and leaves no template syntax behind', async () => {
    const paths = rendered.directoryContents.map(f => f.path).sort();
    // Plus the app's OpenAPI document, written by fastapi:openapi:write.
    const expected = skeletonContents
      .map(f => f.path.replace(/^skeleton\//, ''))
      .concat('openapi.json')
      .sort();
    expect(paths).toEqual(expected);
    for (const file of rendered.directoryContents) {
      const text = Buffer.from(file.base64Content, 'base64').toString('utf8');
      expect({
        file: file.path,
        leftovers: text.match(/\$\{\{\s*values|\{%|%\}|\{#/g),
      }).toEqual({
        file: file.path,
        leftovers: null,
      });
    }
    expect(await read('app/config.py')).toContain(
      'app_name: str = "orders-api"',
    );
  });

  it('builds the Argo CD Application from the form and links to all results', () => {
    const app = dryRunApplication(rendered.log);
    if (!app) {
      throw new Error(
        `no Application in the dry-run log:\n${rendered.log
          .map(l => l.body.message)
          .join('\n')}`,
      );
    }
    expect(app).toMatchObject({
      metadata: {
        name: 'orders-api',
        labels: {
          'backstage.io/kubernetes-id': 'orders-api',
          'app.kubernetes.io/managed-by': 'backstage',
        },
      },
      spec: {
        // derived from the owner by launchpad:tenancy:check
        project: 'team-platform',
        source: { path: 'deploy/overlays/eks', targetRevision: 'main' },
        // the cluster name from the form, never an in-cluster address
        destination: { name: 'eks', namespace: 'orders' },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: expect.arrayContaining(['CreateNamespace=true']),
        },
      },
    });
    expect(app.spec.destination.server).toBeUndefined();
    expect(JSON.stringify(rendered.log)).not.toContain(
      'dry-run-token-not-sent',
    );
    const messages = rendered.log.map(l => l.body.message).join('\n');
    expect(messages).toContain(
      'Skipping because github:repo:create does not support dry-run',
    );
    expect(messages).toContain(
      'Skipping because github:repo:push does not support dry-run',
    );
    expect(messages).toMatch(/"repoVisibility": "private"/);
    expect(messages).toMatch(/"protectDefaultBranch": true/);
    // catalog:register has no dry-run support and no output schema, so its entityRef stays
    // empty here; template.test.ts checks the link is wired to steps['register'].output.entityRef.
    expect(messages).toContain(
      'Skipping because catalog:register does not support dry-run',
    );
    expect(rendered.output.links).toEqual([
      expect.objectContaining({ url: '<example>' }),
      expect.objectContaining({ icon: 'catalog' }),
      expect.objectContaining({
        url: 'https://argocd.example.test/applications/orders-api',
      }),
    ]);
  });

  it('checks the owner and system in the catalog and skips the GitHub and Argo CD checks', () => {
    const messages = rendered.log.map(l => l.body.message).join('\n');
    expect(messages).toContain(
      'Skipping because github:repo:checkAvailable does not support dry-run',
    );
    expect(messages).toContain(
      'Skipping because argocd:app:checkAvailable does not support dry-run',
    );
    const steps = (id: string) =>
      rendered.log.filter(l => l.body.stepId === id).map(l => l.body.status);
    expect(steps('check-owner')).toContain('completed');
    expect(steps('check-system')).toContain('completed');
    // The tenancy check has no side effects, so it runs in dry runs too.
    expect(steps('check-tenancy')).toContain('completed');
    // The CI settings: checked first, then (before the first push) only named, never
    // sent in a dry run, and no secret value in the log.
    expect(steps('check-ci-settings')).toContain('completed');
    expect(messages).toContain(
      'Dry run: would set on acme/orders-api: variables GITOPS_APP_ID; secrets GITOPS_APP_PRIVATE_KEY',
    );
    expect(messages).not.toContain('dry-run-key-not-sent');
    // No failure, so no failure report.
    expect(steps('report-failure')).toContain('skipped');
    expect(steps('report-failure')).not.toContain('completed');
  });

  it('refuses an owner that is not in the catalog before rendering anything', async () => {
    const { status, body } = await dryRun({
      ...sampleValues,
      owner: 'group:default/no-such-team',
    });
    expect(status).not.toBe(200);
    expect(JSON.stringify(body)).toContain(
      'Entity group:default/no-such-team not found',
    );
  });

  it('refuses an invalid service name before any step runs', async () => {
    const { status, body } = await dryRun({
      ...sampleValues,
      name: 'Orders_API',
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body.errors)).toContain('name');
    expect(body.log ?? []).toEqual([]);
  });

  it("skips the wait step when not asked for and derives the host from the team's domain", async () => {
    const { status, body } = await dryRun({
      ...sampleValues,
      name: 'billing',
      waitForSync: false,
      ingressHost: undefined,
    });
    expect(status).toBe(200);
    expect(JSON.stringify(body.log)).not.toContain('argocd:app:wait');
    const dir = path.join(workDir, 'rendered-billing');
    await writeRendered(body, dir);
    const { stdout } = await runTool(
      'kubectl',
      ['kustomize', 'deploy/overlays/eks'],
      dir,
    );
    const ingress = parseAllDocuments(stdout)
      .map(d => d.toJSON())
      .find(o => o.kind === 'Ingress');
    new Ingress(ingress).validate();
    // Never a catch-all rule in a shared IngressGroup: <name>.<team domain>.
    expect(ingress.spec.rules).toEqual([
      {
        host: 'billing.apps.example.com',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: 'billing', port: { name: 'http' } } },
            },
          ],
        },
      },
    ]);
    expect(ingress.spec.tls).toEqual([{ hosts: ['billing.apps.example.com'] }]);
  });

  it('refuses an owner team a payments member is not in, before rendering anything', async () => {
    const { status, body } = await dryRun(sampleValues, 'user:default/sora');
    expect(status).not.toBe(200);
    expect(JSON.stringify(body)).toContain(
      'user:default/sora is not a member of group:default/platform, so it cannot deploy for it. It may deploy for group:default/payments',
    );
  });

  it("lets the platform group create for another team, inside that team's tenancy", async () => {
    const { status, body } = await dryRun({
      ...sampleValues,
      name: 'ledger',
      owner: 'group:default/payments',
      namespace: 'payments-ledger',
      ingressHost: undefined,
    });
    expect(status).toBe(200);
    expect(dryRunApplication(body.log).spec).toMatchObject({
      project: 'team-payments',
      destination: { name: 'eks', namespace: 'payments-ledger' },
    });
  });

  it.each([
    [
      'kube-system',
      { namespace: 'kube-system' },
      "namespace 'kube-system' is reserved",
    ],
    [
      "another team's namespace",
      { namespace: 'payments-x' },
      "namespace 'payments-x' does not belong to group:default/platform (it is group:default/payments's)",
    ],
    [
      'the default project',
      { argocdProject: 'default' },
      "Argo CD project 'default' is not group:default/platform's: its services deploy with project 'team-platform'",
    ],
    [
      "another team's project",
      { argocdProject: 'team-payments' },
      "Argo CD project 'team-payments' is not group:default/platform's",
    ],
    [
      'a host outside the team domain',
      { ingressHost: 'orders.example.org' },
      "ingress host 'orders.example.org' is not under group:default/platform's domains: *.apps.example.com",
    ],
  ])(
    'refuses %s in the dry run, before rendering anything',
    async (_what, values, message) => {
      const { status, body } = await dryRun({ ...sampleValues, ...values });
      expect(status).not.toBe(200);
      const text = JSON.stringify(body);
      expect(text).toContain(message);
      expect(text).not.toContain('Dry run: would create Argo CD Application');
    },
  );

  it("passes the generated project's own pytest suite", async () => {
    const { stdout } = await runTool(
      PYTHON,
      ['-m', 'pytest', '-q', '--color=no', '-p', 'no:cacheprovider'],
      projectDir,
    );
    expect(stdout).toMatch(/\b9 passed\b/);
    expect(stdout).not.toMatch(/failed|error/i);
  });

  it('builds valid Kubernetes objects with kustomize', async () => {
    const { stdout } = await runTool(
      'kubectl',
      ['kustomize', 'deploy/overlays/eks'],
      projectDir,
    );
    const objects = parseAllDocuments(stdout).map(d => d.toJSON());
    expect(objects.map(o => o.kind).sort()).toEqual([
      'Deployment',
      'Ingress',
      'Service',
    ]);
    const byKind = Object.fromEntries(objects.map(o => [o.kind, o]));

    // Schema validation with the Kubernetes OpenAPI models (throws on any violation).
    new Deployment(byKind.Deployment).validate();
    new Service(byKind.Service).validate();
    new Ingress(byKind.Ingress).validate();

    for (const o of objects) {
      expect(o.metadata.namespace).toBe('orders');
      expect(o.metadata.labels['backstage.io/kubernetes-id']).toBe(
        'orders-api',
      );
    }

    const deployment = byKind.Deployment;
    expect(deployment.spec.replicas).toBe(3);
    const pod = deployment.spec.template;
    expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe(
      'orders-api',
    );
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    const [container] = pod.spec.containers;
    expect(container.image).toBe(
      '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api:bootstrap',
    );
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.resources.requests).toEqual({
      cpu: expect.any(String),
      memory: expect.any(String),
    });
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });

    const service = byKind.Service;
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);

    const ingress = byKind.Ingress;
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internal',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
      // The owner team's own ALB, not one shared by every team.
      'alb.ingress.kubernetes.io/group.name': 'launchpad-platform',
      // HTTPS with the team's ACM certificate; HTTP redirects to it.
      'alb.ingress.kubernetes.io/certificate-arn': CERTIFICATE_ARN,
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
    });
    expect(
      JSON.parse(
        ingress.metadata.annotations['alb.ingress.kubernetes.io/listen-ports'],
      ),
    ).toEqual([{ HTTP: 80 }, { HTTPS: 443 }]);
    expect(ingress.spec.rules[0].host).toBe('orders.apps.example.com');
    expect(ingress.spec.tls).toEqual([{ hosts: ['orders.apps.example.com'] }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service.name).toBe(
      service.metadata.name,
    );
  });

  it('produces GitHub workflows that pass action-validator and keep their expressions', async () => {
    const cli = path.join(
      path.dirname(require.resolve('@action-validator/cli/package.json')),
      'cli.mjs',
    );
    for (const wf of ['ci.yaml', 'techdocs.yaml']) {
      await runTool(
        process.execPath,
        [cli, path.join('.github/workflows', wf)],
        projectDir,
      );
    }

    const ci = await read('.github/workflows/ci.yaml');
    const ciDoc = parse(ci);
    expect(ciDoc.env).toMatchObject({
      SERVICE_NAME: 'orders-api',
      PYTHON_VERSION: '3.12',
      ECR_REPOSITORY_URI:
        '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
    });
    expect(Object.keys(ciDoc.jobs)).toEqual(['test', 'build', 'deploy']);
    expect(ciDoc.jobs.build.needs).toBe('test');
    expect(ciDoc.jobs.build.permissions['id-token']).toBe('write');
    const buildSteps = JSON.stringify(ciDoc.jobs.build.steps);
    expect(buildSteps).toContain('aws-actions/configure-aws-credentials@v4');
    expect(buildSteps).toContain('aws-actions/amazon-ecr-login@v2');
    expect(buildSteps).toContain('${{ vars.AWS_ECR_PUSH_ROLE_ARN }}');
    const deploySteps = JSON.stringify(ciDoc.jobs.deploy.steps);
    // The deploy job rewrites the overlay Argo CD syncs.
    expect(ciDoc.env.KUSTOMIZATION).toBe(
      'deploy/overlays/eks/kustomization.yaml',
    );
    expect(existsSync(path.join(projectDir, ciDoc.env.KUSTOMIZATION))).toBe(
      true,
    );
    expect(deploySteps).toContain(
      'select(.name == strenv(SERVICE_NAME))).newTag',
    );
    expect(deploySteps).toContain('[skip ci]');
    expect(ci).toContain('${{ secrets.GITOPS_APP_PRIVATE_KEY }}');
    expect(ci).toContain(
      "${{ !startsWith(github.event.head_commit.message, 'chore(deploy):') }}",
    );

    const techdocs = parse(await read('.github/workflows/techdocs.yaml'));
    expect(techdocs.permissions['id-token']).toBe('write');
    expect(techdocs.env.ENTITY).toBe('default/Component/orders-api');
    const tdSteps = JSON.stringify(techdocs.jobs.publish.steps);
    expect(tdSteps).toContain(
      'generate --no-docker --omitTechdocsCoreMkdocsPlugin',
    );
    expect(tdSteps).toContain('--publisher-type awsS3');
    expect(tdSteps).toContain('${{ vars.TECHDOCS_ROLE_ARN }}');
  });

  it('fails action-validator on a broken workflow (the check can fail)', async () => {
    const cli = path.join(
      path.dirname(require.resolve('@action-validator/cli/package.json')),
      'cli.mjs',
    );
    const broken = path.join(workDir, 'broken.yaml');
    await fs.writeFile(
      broken,
      'name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n',
    );
    await expect(
      runTool(process.execPath, [cli, broken], workDir),
    ).rejects.toThrow(/failed/);
  });

  it('points the overlay at the ECR repository with the replicas from the form', async () => {
    const kustomization = parse(
      await read('deploy/overlays/eks/kustomization.yaml'),
    );
    expect(kustomization.images).toEqual([
      {
        name: 'orders-api',
        newName: '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/orders-api',
        newTag: 'bootstrap',
      },
    ]);
    expect(kustomization.replicas).toEqual([{ name: 'orders-api', count: 3 }]);
  });

  it('has a catalog-info.yaml the catalog accepts: the Component and the API it provides', async () => {
    const [component, api] = parseAllDocuments(
      await read('catalog-info.yaml'),
    ).map(d => d.toJSON());
    const policies = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    await expect(policies.enforce(component)).resolves.toBeTruthy();
    await expect(
      componentEntityV1alpha1Validator.check(component),
    ).resolves.toBe(true);
    expect(component.metadata.description).toBe(sampleValues.description);
    expect(component.metadata.annotations).toEqual({
      'github.com/project-slug': 'acme/orders-api',
      'backstage.io/techdocs-ref': 'dir:.',
      'backstage.io/kubernetes-id': 'orders-api',
      'backstage.io/kubernetes-namespace': 'orders',
      'argocd/app-name': 'orders-api',
    });
    expect(component.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/platform',
      system: 'system:default/commerce',
      providesApis: ['orders-api'],
    });
    // The catalog resolves $text before it validates; a string stands in.
    const resolved = { ...api, spec: { ...api.spec, definition: '{}' } };
    await expect(policies.enforce(resolved)).resolves.toBeTruthy();
    await expect(apiEntityV1alpha1Validator.check(resolved)).resolves.toBe(
      true,
    );
    expect(api.metadata.name).toBe('orders-api');
    expect(api.spec).toMatchObject({
      type: 'openapi',
      owner: 'group:default/platform',
      system: 'system:default/commerce',
      definition: { $text: './openapi.json' },
    });
  });

  it("registers the app's own OpenAPI document: what the rendered app serves at /openapi.json", async () => {
    const [, api] = parseAllDocuments(await read('catalog-info.yaml')).map(d =>
      d.toJSON(),
    );
    const definition = await read(api.spec.definition.$text);
    const port = await new Promise<number>(resolve => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const server = spawn(
      PYTHON,
      ['-B', '-m', 'uvicorn', 'app.main:app', '--port', String(port)],
      { cwd: projectDir, stdio: 'ignore' },
    );
    try {
      let served: unknown;
      for (let i = 0; i < 100 && served === undefined; i++) {
        served = await fetch(`http://127.0.0.1:${port}/openapi.json`)
          .then(r => (r.ok ? r.json() : undefined))
          .catch(() => new Promise(r => setTimeout(r, 200)));
      }
      expect(served).toBeDefined();
      expect(JSON.parse(definition)).toEqual(served);
      // The real endpoints, not an example document.
      expect(Object.keys(JSON.parse(definition).paths)).toEqual(
        expect.arrayContaining(['/healthz', '/readyz', '/api/v1/items']),
      );
    } finally {
      server.kill();
    }
  });

  it('has a slim, non-root, secret-free Dockerfile for the chosen Python', async () => {
    const dockerfile = await read('Dockerfile');
    expect(dockerfile).toContain('ARG PYTHON_VERSION=3.12');
    expect(
      dockerfile.match(/^FROM python:\$\{PYTHON_VERSION\}-slim/gm),
    ).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/uvicorn", "app\.main:app"/);
    expect(dockerfile).not.toMatch(/secret|token|password|AWS_/i);
    const pyproject = await read('pyproject.toml');
    for (const dep of [
      'fastapi==',
      'uvicorn[standard]==',
      'pydantic==',
      'pytest==',
      'httpx==',
    ]) {
      expect(pyproject).toContain(dep);
    }
    expect(pyproject).toContain(
      `description = ${JSON.stringify(sampleValues.description)}`,
    );
    expect(await read('.dockerignore')).toMatch(/^\.git$/m);
  });

  it('builds the docs with mkdocs --strict (the generator TechDocs uses)', async () => {
    const mkdocs = parse(await read('mkdocs.yml'));
    expect(mkdocs.plugins).toEqual(['search']);
    expect(mkdocs.theme).toEqual({ name: 'material' });
    expect(mkdocs.hooks).toBeUndefined();
    const site = path.join(workDir, 'site');
    await runTool(
      'mkdocs',
      ['build', '--strict', '--site-dir', site],
      projectDir,
    );
    const index = await fs.readFile(path.join(site, 'index.html'), 'utf8');
    expect(index).toContain('orders-api');
    expect(existsSync(path.join(site, 'api', 'index.html'))).toBe(true);
    expect(existsSync(path.join(site, 'operations', 'index.html'))).toBe(true);
  });
});
