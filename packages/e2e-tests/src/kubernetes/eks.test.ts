/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import yaml from 'js-yaml';
import {
  createKubernetesStandIn,
  KubernetesStandIn,
} from '@internal/kubernetes-stand-in';
import { ArgoCdStandIn, createArgoCdStandIn } from '@internal/argocd-stand-in';
import {
  BackendProcess,
  eventually,
  freePort,
  repoRoot,
  startBackend,
} from '@internal/test-support';

// The production `kubernetes` and `argocd` blocks, exactly as
// app-config.production.yaml has them, against stand-ins that speak the real
// protocols: the Kubernetes stand-in plays an EKS API server that accepts
// only `k8s-aws-v1` tokens presigned with the portal's AWS credentials for
// this cluster. The portal looks at itself: its own manifests
// (deploy/overlays/standalone) run on the stand-in and its own Argo CD
// Application (deploy/argocd) is in the Argo CD stand-in.
jest.setTimeout(240_000);

const aws = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: randomBytes(20).toString('base64'),
};
const CLUSTER = 'launchpad';

let work: string;
let kube: KubernetesStandIn;
let argocd: ArgoCdStandIn;
let backend: BackendProcess;
const kubeLog: string[] = [];
let token: string;
const argocdToken = randomBytes(16).toString('hex');

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-eks-'));
  kube = await createKubernetesStandIn({
    port: 0,
    dataDir: path.join(work, 'kubernetes'),
    eks: { clusterName: CLUSTER, region: 'ap-northeast-2', credentials: aws },
    log: line => kubeLog.push(line),
  });
  await kube.applyDirectory(
    path.join(repoRoot, 'deploy/overlays/standalone'),
    'launchpad-portal',
  );
  argocd = await createArgoCdStandIn({
    port: 0,
    dataDir: path.join(work, 'argocd'),
    token: argocdToken,
    projects: ['launchpad'],
    syncDelayMs: 200,
  });
  // The API takes the Application without apiVersion and kind.
  const {
    apiVersion: _v,
    kind: _k,
    ...application
  } = yaml.load(
    fs.readFileSync(
      path.join(repoRoot, 'deploy/argocd/application.yaml'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  const created = await fetch(`${argocd.url}/api/v1/applications`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${argocdToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(application),
  });
  if (created.status !== 200) {
    throw new Error(
      `Argo CD stand-in refused the Application: ${
        created.status
      } ${await created.text()}`,
    );
  }

  // The production blocks, plus two clusters that must fail on their own.
  const production = yaml.load(
    fs.readFileSync(path.join(repoRoot, 'app-config.production.yaml'), 'utf8'),
  ) as any;
  const kubernetes = production.kubernetes;
  kubernetes.clusterLocatorMethods[0].clusters.push(
    {
      // Signed for "other": this API server refuses it, as EKS would.
      name: 'other',
      url: '${EKS_CLUSTER_URL}',
      authProvider: 'aws',
      authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'other' },
    },
    {
      name: 'unreachable',
      url: `http://127.0.0.1:${await freePort()}`,
      authProvider: 'serviceAccount',
      serviceAccountToken: 'not-used',
    },
  );
  const configFile = path.join(work, 'eks.yaml');
  fs.writeFileSync(
    configFile,
    yaml.dump({ kubernetes, argocd: production.argocd }),
  );

  backend = await startBackend({
    args: [
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.development.yaml',
      '--config',
      configFile,
    ],
    env: {
      APP_CONFIG_backend_database_connection_directory: path.join(
        work,
        'sqlite',
      ),
      APP_CONFIG_techdocs_publisher_local_publishDirectory: path.join(
        work,
        'techdocs',
      ),
      EKS_CLUSTER_NAME: CLUSTER,
      EKS_CLUSTER_URL: kube.url,
      // A CA certificate in the form `aws eks describe-cluster` gives it.
      EKS_CLUSTER_CA_DATA: Buffer.from(
        /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n/.exec(
          fs.readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8'),
        )![0],
      ).toString('base64'),
      AWS_ACCESS_KEY_ID: aws.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.secretAccessKey,
      AWS_REGION: 'ap-northeast-2',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PROFILE: undefined,
      ARGOCD_URL: argocd.url,
      ARGOCD_TOKEN: argocdToken,
    },
    readyTimeoutMs: 120_000,
  });
  // A signed-in user (development: guest, a member of the platform group).
  const res = await fetch(
    `${backend.baseUrl}/api/auth/guest/refresh?env=development`,
    {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    },
  );
  token = (await res.json()).backstageIdentity.token;
});

afterAll(async () => {
  await backend?.stop('SIGTERM', 20_000);
  await kube?.stop();
  await argocd?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function api(pathname: string, init: RequestInit = {}) {
  return fetch(`${backend.baseUrl}${pathname}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
}

async function workloads() {
  const entity = await eventually('the portal component', async () => {
    const res = await api(
      '/api/catalog/entities/by-name/component/default/launchpad-portal',
    );
    return res.ok ? res.json() : undefined;
  });
  const res = await api('/api/kubernetes/services/launchpad-portal', {
    method: 'POST',
    body: JSON.stringify({ entity }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).items as Array<{
    cluster: { name: string };
    resources: Array<{ type: string; resources: any[] }>;
    errors: Array<{
      errorType: string;
      statusCode?: number;
      resourcePath?: string;
    }>;
  }>;
}

describe('the EKS cluster from production config', () => {
  it('lists the clusters with their auth providers, never a credential', async () => {
    const res = await api('/api/kubernetes/clusters');
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: CLUSTER, authProvider: 'aws' }),
        expect.objectContaining({ name: 'other', authProvider: 'aws' }),
      ]),
    );
    expect(JSON.stringify(items)).not.toContain(aws.secretAccessKey);
    expect(JSON.stringify(items)).not.toContain('not-used');
  });

  it('shows the deployment and pods of the entity, read with an EKS token', async () => {
    const eks = (await workloads()).find(i => i.cluster.name === CLUSTER)!;
    expect(eks.errors).toEqual([]);
    const of = (type: string) =>
      eks.resources.find(r => r.type === type)?.resources ?? [];
    expect(of('deployments').map(d => d.metadata.name)).toEqual([
      'launchpad-portal',
    ]);
    expect(of('pods').length).toBeGreaterThanOrEqual(2);
    expect(of('services').map(s => s.metadata.name)).toContain(
      'launchpad-portal',
    );
  });

  it('reports a refused token and an unreachable cluster per cluster, next to the working one', async () => {
    const items = await workloads();
    const other = items.find(i => i.cluster.name === 'other')!;
    expect(other.resources.every(r => r.resources.length === 0)).toBe(true);
    expect(other.errors.length).toBeGreaterThan(0);
    expect(other.errors[0]).toMatchObject({
      errorType: 'UNAUTHORIZED_ERROR',
      statusCode: 401,
    });
    const unreachable = items.find(i => i.cluster.name === 'unreachable')!;
    expect(unreachable.errors[0]).toMatchObject({ errorType: 'FETCH_ERROR' });
    expect(items.find(i => i.cluster.name === CLUSTER)!.errors).toEqual([]);
    expect(
      kubeLog.some(l =>
        l.includes('EKS token refused: the signature does not match'),
      ),
    ).toBe(true);
    expect(backend.logs().join('\n')).not.toContain(aws.secretAccessKey);
  });
});

describe('Argo CD from production config', () => {
  it("shows the portal's own Application as Synced and Healthy", async () => {
    const status = await eventually('a synced Application', async () => {
      const res = await api(
        `/api/argocd/entities/default/component/launchpad-portal/status`,
      );
      if (!res.ok) return undefined;
      const body = await res.json();
      return body.sync?.status === 'Synced' ? body : undefined;
    });
    expect(status).toMatchObject({
      appName: 'launchpad-portal',
      instance: 'eks',
      health: { status: 'Healthy' },
    });
    expect(JSON.stringify(status)).not.toContain(argocdToken);
    expect(backend.logs().join('\n')).not.toContain(argocdToken);
  });
});
