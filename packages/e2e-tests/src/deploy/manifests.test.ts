/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  byKind,
  contractsDir,
  findObject,
  K8sObject,
  kustomize,
  loadYamlFile,
  objectRef,
  repoRoot,
} from './manifests';
import {
  configMapPolicy,
  imagePolicy,
  probeAndResourcePolicy,
  referencePolicy,
  securityPolicy,
  servicePolicy,
} from './policy';
import { crdValidator, validateWithModels } from './schemas';

// Renders deploy/ with the real `kubectl kustomize` and checks every object:
// schemas (kubernetes-models, Argo CD CRDs from ../shared/contracts/argocd),
// policies, and the cross-references an operator would otherwise find only
// when a pod does not start.
jest.setTimeout(120_000);

/** Objects the overlays use on purpose without rendering them (see deploy/README.md). */
const EXTERNAL: Record<string, string[]> = {
  // Public RDS CA bundle, created once per cluster with kubectl (README step 6)
  eks: ['ConfigMap/rds-ca-bundle'],
  standalone: [],
};

/** `${NAME}` references without a `:-` fallback in the given config files. */
function requiredProductionVariables(
  files: string[] = ['app-config.production.yaml'],
): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
    for (const line of text.split('\n')) {
      if (line.trim().startsWith('#')) continue;
      for (const m of line.matchAll(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g,
      )) {
        if (m[2] === undefined) names.add(m[1]);
      }
    }
  }
  return [...names].sort();
}

/** The `--config` files a Deployment's backend container starts with. */
function configFilesOf(deployment: K8sObject): string[] {
  const args: string[] = deployment.spec.template.spec.containers[0].args ?? [];
  return args.flatMap((a, i) => (args[i - 1] === '--config' ? [a] : []));
}

const overlays = ['eks', 'standalone'] as const;
const rendered: Record<string, K8sObject[]> = {};

beforeAll(async () => {
  for (const overlay of overlays) {
    rendered[overlay] = await kustomize(`deploy/overlays/${overlay}`);
  }
});

/** Schema failures (`ref: message`); an object without a schema is one. */
async function invalidModels(objects: K8sObject[]): Promise<string[]> {
  const results = await validateWithModels(objects);
  if (results.length !== objects.length) {
    return [`validated ${results.length} of ${objects.length} objects`];
  }
  return results.filter(r => !r.ok).map(r => `${r.ref}: ${r.message}`);
}

describe.each(overlays)('deploy/overlays/%s', overlay => {
  const objects = () => rendered[overlay];

  it('renders the portal in the launchpad namespace', () => {
    const kinds = objects().map(objectRef);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Namespace/launchpad',
        'ServiceAccount/launchpad-portal',
        'ConfigMap/launchpad-portal-config',
        'Deployment/launchpad-portal',
        'Service/launchpad-portal',
        'PodDisruptionBudget/launchpad-portal',
        'HorizontalPodAutoscaler/launchpad-portal',
        'NetworkPolicy/launchpad-portal',
      ]),
    );
    for (const o of objects().filter(x => x.kind !== 'Namespace')) {
      expect(`${objectRef(o)} in ${o.metadata.namespace}`).toBe(
        `${objectRef(o)} in launchpad`,
      );
    }
  });

  it('provides every variable the config files of its command line require', () => {
    const cm =
      findObject(objects(), 'ConfigMap', 'launchpad-portal-config').data ?? {};
    const provided = new Set(Object.keys(cm));
    for (const secret of byKind(objects(), 'Secret')) {
      Object.keys({ ...secret.data, ...secret.stringData }).forEach(k =>
        provided.add(k),
      );
    }
    for (const es of byKind(objects(), 'ExternalSecret')) {
      es.spec.data?.forEach((d: any) => provided.add(d.secretKey));
      // dataFrom extracts a JSON secret whose keys are the variable names
      // deploy/README.md lists; the standalone Secret holds the same keys.
      if (es.spec.dataFrom?.length) {
        const placeholder = findObject(
          rendered.standalone,
          'Secret',
          'launchpad-portal-secrets',
        );
        Object.keys(placeholder.stringData).forEach(k => provided.add(k));
      }
    }
    const deployment = findObject(objects(), 'Deployment', 'launchpad-portal');
    deployment.spec.template.spec.containers[0].env?.forEach((e: any) =>
      provided.add(e.name),
    );
    const required = requiredProductionVariables(configFilesOf(deployment));
    expect(required).toEqual(
      expect.arrayContaining([
        'APP_BASE_URL',
        'POSTGRES_HOST',
        'POSTGRES_PASSWORD',
        'CI_ECR_PUSH_ROLE_ARN',
        'CI_GITOPS_APP_PRIVATE_KEY',
      ]),
    );
    expect(required.filter(v => !provided.has(v))).toEqual([]);
  });

  it('loads launchpad.repositoryCi: the image ships the file, the key is a secret', () => {
    const deployment = findObject(objects(), 'Deployment', 'launchpad-portal');
    const [backend] = deployment.spec.template.spec.containers;
    // The image's CMD (instrumentation first) plus the repository CI file.
    expect(backend.args).toEqual([
      'node',
      '--require',
      './packages/backend/instrumentation.cjs',
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      'app-config.production.repository-ci.yaml',
    ]);
    expect(fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8')).toMatch(
      /COPY[^\n]*app-config\.production\.repository-ci\.yaml/,
    );
    const ciVariables = requiredProductionVariables([
      'app-config.production.repository-ci.yaml',
    ]).filter(v => v.startsWith('CI_'));
    expect(ciVariables).toEqual([
      'CI_ECR_PUSH_ROLE_ARN',
      'CI_GITOPS_APP_ID',
      'CI_GITOPS_APP_PRIVATE_KEY',
      'CI_TECHDOCS_AWS_REGION',
      'CI_TECHDOCS_ROLE_ARN',
      'CI_TECHDOCS_S3_BUCKET',
    ]);
    // The private key never sits in the ConfigMap; the rest does.
    const cm = findObject(objects(), 'ConfigMap', 'launchpad-portal-config');
    expect(
      Object.keys(cm.data)
        .filter(k => k.startsWith('CI_'))
        .sort(),
    ).toEqual(ciVariables.filter(v => v !== 'CI_GITOPS_APP_PRIVATE_KEY'));
    // Where the private key comes from: each overlay's specifics below.
  });

  it('validates every object against the Kubernetes (and CRD) schemas', async () => {
    expect(await invalidModels(objects())).toEqual([]);
  });

  it('uses fixed image tags only', () => {
    expect(imagePolicy(objects())).toEqual([]);
  });

  it('gives every container probes and resources', () => {
    expect(probeAndResourcePolicy(objects())).toEqual([]);
  });

  it('runs every container as non-root with a read-only root filesystem', () => {
    expect(securityPolicy(objects())).toEqual([]);
  });

  it('keeps secrets out of ConfigMaps', () => {
    expect(configMapPolicy(objects())).toEqual([]);
  });

  it('has every Service select a pod of the same overlay', () => {
    expect(servicePolicy(objects())).toEqual([]);
  });

  it('refers only to objects it renders (or documents as created by hand)', () => {
    expect(referencePolicy(objects(), EXTERNAL[overlay])).toEqual([]);
  });

  it('probes the Backstage health endpoints and rolls out without losing capacity', () => {
    const deployment = findObject(objects(), 'Deployment', 'launchpad-portal');
    const [backend] = deployment.spec.template.spec.containers;
    expect(backend.readinessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(backend.livenessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );
    expect(backend.startupProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );
    expect(backend.ports).toEqual([
      { name: 'http', containerPort: 7007, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9464, protocol: 'TCP' },
    ]);
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy.rollingUpdate).toEqual({
      maxUnavailable: 0,
      maxSurge: 1,
    });
    expect(
      deployment.spec.template.spec.topologySpreadConstraints.map(
        (c: any) => c.topologyKey,
      ),
    ).toContain('topology.kubernetes.io/zone');
    // readOnlyRootFilesystem needs a writable /tmp
    const tmp = backend.volumeMounts.find((m: any) => m.mountPath === '/tmp');
    expect(
      deployment.spec.template.spec.volumes.find(
        (v: any) => v.name === tmp?.name,
      )?.emptyDir,
    ).toBeDefined();
    expect(
      findObject(objects(), 'PodDisruptionBudget', 'launchpad-portal').spec
        .minAvailable,
    ).toBe(1);
    const hpa = findObject(
      objects(),
      'HorizontalPodAutoscaler',
      'launchpad-portal',
    );
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 5]);
  });

  it('lets port 7007 in, the metrics port only from Prometheus, and only DNS, HTTPS and PostgreSQL (plus Argo CD, Pod Identity) out', () => {
    const np = findObject(objects(), 'NetworkPolicy', 'launchpad-portal');
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const inPorts = np.spec.ingress.flatMap((r: any) =>
      r.ports.map((p: any) => p.port),
    );
    expect(inPorts).toEqual([7007, 9464]);
    const metricsRules = np.spec.ingress.filter((r: any) =>
      r.ports.some((p: any) => p.port === 9464),
    );
    expect(metricsRules).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
            },
            podSelector: {
              matchLabels: { 'app.kubernetes.io/name': 'prometheus' },
            },
          },
        ],
        ports: [{ port: 9464, protocol: 'TCP' }],
      },
    ]);
    const outPorts = np.spec.egress.flatMap((r: any) =>
      r.ports.map((p: any) => p.port),
    );
    expect(new Set(outPorts)).toEqual(new Set([53, 443, 5432, 8080, 80]));
    // The non-standard ports are limited to their destination.
    const special = np.spec.egress.filter((r: any) =>
      r.ports.some((p: any) => p.port === 8080 || p.port === 80),
    );
    expect(special).toHaveLength(2);
    expect(special.filter((r: any) => !r.to)).toEqual([]);
  });
});

describe('deploy/overlays/eks specifics', () => {
  const objects = () => rendered.eks;

  it('exposes the portal through an HTTPS ALB with the readiness health check', () => {
    const ingress = findObject(objects(), 'Ingress', 'launchpad-portal');
    const a = ingress.metadata.annotations!;
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(['internet-facing', 'internal']).toContain(
      a['alb.ingress.kubernetes.io/scheme'],
    );
    expect(a['alb.ingress.kubernetes.io/target-type']).toBe('ip');
    expect(a['alb.ingress.kubernetes.io/certificate-arn']).toMatch(
      /^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\//,
    );
    expect(JSON.parse(a['alb.ingress.kubernetes.io/listen-ports'])).toEqual([
      { HTTP: 80 },
      { HTTPS: 443 },
    ]);
    expect(a['alb.ingress.kubernetes.io/ssl-redirect']).toBe('443');
    expect(a['alb.ingress.kubernetes.io/healthcheck-path']).toBe(
      '/.backstage/health/v1/readiness',
    );
  });

  it('talks to RDS over verified TLS and stores TechDocs on S3', () => {
    const cm = findObject(
      objects(),
      'ConfigMap',
      'launchpad-portal-config',
    ).data;
    expect(cm.PGSSLMODE).toBe('verify-full');
    expect(cm.POSTGRES_HOST).toMatch(/\.rds\.amazonaws\.com$/);
    expect(cm.TECHDOCS_S3_BUCKET).toBeTruthy();
    // node-postgres verifies against Node's trust store: the RDS CA bundle
    // must be added to it from a mounted file.
    const deployment = findObject(objects(), 'Deployment', 'launchpad-portal');
    const [backend] = deployment.spec.template.spec.containers;
    const mount = backend.volumeMounts.find((m: any) =>
      cm.NODE_EXTRA_CA_CERTS?.startsWith(`${m.mountPath}/`),
    );
    expect(mount).toBeDefined();
    const volume = deployment.spec.template.spec.volumes.find(
      (v: any) => v.name === mount.name,
    );
    expect(
      volume.configMap.items.map((i: any) => `${mount.mountPath}/${i.path}`),
    ).toContain(cm.NODE_EXTRA_CA_CERTS);
  });

  it('takes the portal secret from AWS Secrets Manager through External Secrets', () => {
    const deployment = findObject(objects(), 'Deployment', 'launchpad-portal');
    const secretName = deployment.spec.template.spec.containers[0].envFrom.find(
      (e: any) => e.secretRef,
    ).secretRef.name;
    expect(byKind(objects(), 'Secret')).toEqual([]); // nothing secret in Git
    const es = byKind(objects(), 'ExternalSecret').find(
      e => e.spec.target.name === secretName,
    );
    expect(es).toBeDefined();
    const store = findObject(
      objects(),
      es!.spec.secretStoreRef.kind,
      es!.spec.secretStoreRef.name,
    );
    expect(store.spec.provider.aws.service).toBe('SecretsManager');
    const keys = es!.spec.data.map((d: any) => d.secretKey);
    expect(keys).toEqual(
      expect.arrayContaining(['POSTGRES_USER', 'POSTGRES_PASSWORD']),
    );
  });

  it('takes the repository CI private key from launchpad/portal/app, named where operators read', () => {
    const es = findObject(
      objects(),
      'ExternalSecret',
      'launchpad-portal-secrets',
    );
    expect(es.spec.dataFrom).toEqual([
      { extract: { key: 'launchpad/portal/app' } },
    ]);
    for (const file of [
      'deploy/overlays/eks/externalsecret.yaml',
      'deploy/README.md',
    ]) {
      expect(fs.readFileSync(path.join(repoRoot, file), 'utf8')).toContain(
        'CI_GITOPS_APP_PRIVATE_KEY',
      );
    }
  });

  it('injects the ALB readiness gate into the namespace', () => {
    const ns = findObject(objects(), 'Namespace', 'launchpad');
    expect(ns.metadata.labels!['elbv2.k8s.aws/pod-readiness-gate-inject']).toBe(
      'enabled',
    );
  });
});

describe('deploy/overlays/eks optional patches', () => {
  it('apply cleanly: IRSA annotation and GitHub App config', async () => {
    // A throw-away overlay on top of eks that enables the commented patches.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-patches-'));
    try {
      const eks = path.join(repoRoot, 'deploy/overlays/eks');
      for (const file of [
        'serviceaccount-irsa.yaml',
        'deployment-github-app.yaml',
      ]) {
        fs.copyFileSync(path.join(eks, file), path.join(dir, file));
      }
      fs.writeFileSync(
        path.join(dir, 'kustomization.yaml'),
        [
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          'resources:',
          `  - ${path.relative(dir, eks)}`,
          'patches:',
          '  - path: serviceaccount-irsa.yaml',
          '  - path: deployment-github-app.yaml',
          '',
        ].join('\n'),
      );
      const objects = await kustomize(dir);
      expect(await invalidModels(objects)).toEqual([]);
      const sa = findObject(objects, 'ServiceAccount', 'launchpad-portal');
      expect(sa.metadata.annotations!['eks.amazonaws.com/role-arn']).toMatch(
        /^arn:aws:iam::\d{12}:role\//,
      );
      const [backend] = findObject(objects, 'Deployment', 'launchpad-portal')
        .spec.template.spec.containers;
      expect(backend.args.slice(-4)).toEqual([
        '--config',
        'app-config.production.repository-ci.yaml',
        '--config',
        'app-config.production.github-app.yaml',
      ]);
      expect(backend.args.slice(0, 3)).toEqual([
        'node',
        '--require',
        './packages/backend/instrumentation.cjs',
      ]);
      // The image ships the file the args name.
      expect(
        fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'),
      ).toMatch(/COPY[^\n]*app-config\.production\.github-app\.yaml/);
      expect(
        fs.existsSync(
          path.join(repoRoot, 'app-config.production.github-app.yaml'),
        ),
      ).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/overlays/standalone specifics', () => {
  const objects = () => rendered.standalone;

  it('has a placeholder for the repository CI private key in its Secret', () => {
    const secret = findObject(objects(), 'Secret', 'launchpad-portal-secrets');
    expect(secret.stringData.CI_GITOPS_APP_PRIVATE_KEY).toMatch(/^change-me/);
  });

  it('runs PostgreSQL 15 in the cluster with persistent storage', () => {
    const sts = findObject(objects(), 'StatefulSet', 'launchpad-postgres');
    expect(sts.spec.template.spec.containers[0].image).toMatch(
      /^postgres:15\.\d+/,
    );
    expect(
      sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage,
    ).toBeTruthy();
    const cm = findObject(
      objects(),
      'ConfigMap',
      'launchpad-portal-config',
    ).data;
    expect(cm.POSTGRES_HOST).toBe('launchpad-postgres');
    expect(objects().map(objectRef)).toContain('Service/launchpad-postgres');
  });

  it('ships only obvious placeholder secrets', () => {
    const portal = findObject(
      objects(),
      'Secret',
      'launchpad-portal-secrets',
    ).stringData;
    const db = findObject(objects(), 'Secret', 'launchpad-postgres').stringData;
    for (const [key, value] of Object.entries({
      ...portal,
      POSTGRES_PASSWORD: db.POSTGRES_PASSWORD,
    })) {
      if (key === 'POSTGRES_USER') continue;
      expect(`${key}=${value}`).toMatch(/=change-me/);
    }
    expect(portal.POSTGRES_PASSWORD).toBe(db.POSTGRES_PASSWORD);
  });
});

describe('deploy/argocd', () => {
  let objects: K8sObject[];
  const crdFile = (name: string) => path.join(contractsDir, 'argocd', name);

  beforeAll(async () => {
    objects = await kustomize('deploy/argocd');
  });

  it('validates against the Argo CD CRDs in ../shared/contracts/argocd', () => {
    expect(fs.existsSync(crdFile('application-crd.yaml'))).toBe(true);
    const validators: Record<string, (o: K8sObject) => string[]> = {
      Application: crdValidator(crdFile('application-crd.yaml')),
      AppProject: crdValidator(crdFile('appproject-crd.yaml')),
    };
    expect(objects.map(o => o.kind).sort()).toEqual([
      'AppProject',
      'Application',
    ]);
    expect(objects.flatMap(o => validators[o.kind](o))).toEqual([]);
  });

  it('the CRD validation can fail', () => {
    const validate = crdValidator(crdFile('application-crd.yaml'));
    const app = findObject(objects, 'Application', 'launchpad-portal');
    const broken = {
      ...app,
      spec: { ...app.spec, syncPolicy: { automated: { prune: 'yes' } } },
    };
    expect(validate(broken).join('\n')).toMatch(/prune/);
  });

  it('validates with @kubernetes-models/argo-cd', async () => {
    expect(await invalidModels(objects)).toEqual([]);
  });

  it('syncs the eks overlay automatically, with prune, self-heal and retries', () => {
    const app = findObject(objects, 'Application', 'launchpad-portal');
    expect(app.metadata.namespace).toBe('argocd');
    expect(app.spec.source.path).toBe('deploy/overlays/eks');
    expect(
      fs.existsSync(
        path.join(repoRoot, app.spec.source.path, 'kustomization.yaml'),
      ),
    ).toBe(true);
    expect(app.spec.syncPolicy.automated).toEqual({
      prune: true,
      selfHeal: true,
    });
    expect(app.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
    expect(app.spec.syncPolicy.retry.limit).toBeGreaterThan(0);
    expect(app.spec.syncPolicy.retry.backoff.factor).toBeGreaterThan(1);
    // The HPA owns the replica count
    expect(app.spec.ignoreDifferences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'Deployment',
          jsonPointers: ['/spec/replicas'],
        }),
      ]),
    );
  });

  it('is confined by its AppProject to this repository, the launchpad namespace and the kinds the overlay renders', () => {
    const app = findObject(objects, 'Application', 'launchpad-portal');
    const project = findObject(objects, 'AppProject', app.spec.project);
    expect(project.spec.sourceRepos).toEqual([app.spec.source.repoURL]);
    expect(project.spec.destinations).toEqual([
      {
        server: app.spec.destination.server,
        namespace: app.spec.destination.namespace,
      },
    ]);
    expect(app.spec.destination.server).toBe('https://kubernetes.default.svc');
    const allowed = (o: K8sObject) => {
      const group = o.apiVersion.includes('/')
        ? o.apiVersion.split('/')[0]
        : '';
      const list = o.metadata.namespace
        ? project.spec.namespaceResourceWhitelist
        : project.spec.clusterResourceWhitelist;
      return (list ?? []).some(
        (w: any) => w.group === group && w.kind === o.kind,
      );
    };
    for (const overlay of overlays) {
      expect(rendered[overlay].filter(o => !allowed(o)).map(objectRef)).toEqual(
        [],
      );
    }
    expect(
      project.spec.namespaceResourceWhitelist.some(
        (w: any) => w.kind === '*' || w.group === '*',
      ),
    ).toBe(false);
  });
});

describe('deploy/rbac/portal-readonly-clusterrole.yaml', () => {
  const objects = loadYamlFile('deploy/rbac/portal-readonly-clusterrole.yaml');

  it('validates against the Kubernetes schemas', async () => {
    expect(await invalidModels(objects)).toEqual([]);
  });

  it('is read-only, never reads secrets or configmaps, and binds nothing itself (the team namespaces do)', () => {
    const role = findObject(
      objects,
      'ClusterRole',
      'launchpad-portal-readonly',
    );
    const verbs = new Set(role.rules.flatMap((r: any) => r.verbs));
    expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
    const resources = role.rules.flatMap((r: any) => r.resources);
    expect(resources).not.toContain('secrets');
    expect(resources).not.toContain('configmaps');
    expect(resources).not.toContain('*');
    expect(resources).toEqual(
      expect.arrayContaining([
        'pods',
        'services',
        'deployments',
        'replicasets',
        'horizontalpodautoscalers',
        'ingresses',
      ]),
    );
    // Read access is granted per team namespace by the RoleBindings in
    // deploy/tenancy/clusters/<cluster>/ (tenancy.test.ts), never cluster-wide.
    expect(objects.map(objectRef)).toEqual([
      'ClusterRole/launchpad-portal-readonly',
    ]);
  });

  it("is bound in the portal's own namespace, so its own page shows its pods", () => {
    for (const overlay of overlays) {
      const bindings = rendered[overlay].filter(o => o.kind === 'RoleBinding');
      expect(bindings.map(objectRef)).toEqual([
        'RoleBinding/launchpad-portal-readonly',
      ]);
      expect(bindings[0].metadata.namespace).toBe('launchpad');
      expect((bindings[0] as any).roleRef).toEqual({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'launchpad-portal-readonly',
      });
    }
    const catalogInfo = fs.readFileSync(
      path.join(repoRoot, 'catalog-info.yaml'),
      'utf8',
    );
    expect(catalogInfo).toMatch(
      /backstage\.io\/kubernetes-namespace: launchpad$/m,
    );
  });

  it('is not part of any overlay (it is applied to every cluster the portal reads)', () => {
    for (const overlay of overlays) {
      expect(
        rendered[overlay]
          .filter(o => o.kind.startsWith('ClusterRole'))
          .map(objectRef),
      ).toEqual([]);
    }
  });
});

describe('deploy/iam', () => {
  const read = (f: string) =>
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'deploy/iam', f), 'utf8'));

  it('grants the portal S3 on the TechDocs bucket and eks:DescribeCluster only', () => {
    const policy = read('portal-policy.json');
    expect(policy.Version).toBe('2012-10-17');
    const actions = policy.Statement.flatMap((s: any) => s.Action);
    expect(
      actions.filter((a: string) => !/^s3:|^eks:DescribeCluster$/.test(a)),
    ).toEqual([]);
    for (const s of policy.Statement) {
      expect(s.Effect).toBe('Allow');
      expect(s.Resource).not.toBe('*');
    }
    const bucket = findObject(
      rendered.eks,
      'ConfigMap',
      'launchpad-portal-config',
    ).data.TECHDOCS_S3_BUCKET;
    expect(policy.Statement.map((s: any) => s.Resource).join(' ')).toContain(
      `arn:aws:s3:::${bucket}`,
    );
  });

  it('lets External Secrets read only the portal secrets', () => {
    const policy = read('external-secrets-policy.json');
    const resources = policy.Statement.flatMap((s: any) => [s.Resource].flat());
    expect(
      resources.every((r: string) => r.includes(':secret:launchpad/portal/')),
    ).toBe(true);
  });
});
