/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { parseManifests, renderManifests } from './manifests';
import { runApplyCli, parseArgs } from './applyCli';
import { KubernetesStandIn, createKubernetesStandIn } from './standIn';
import { tempDir, removeTempDirs } from './testing';

afterAll(() => removeTempDirs());

/** A service repo's layout: deploy/base + deploy/overlays/sandbox (kustomize). */
function writeKustomizeRepo(root: string) {
  const base = path.join(root, 'deploy', 'base');
  const overlay = path.join(root, 'deploy', 'overlays', 'sandbox');
  fs.mkdirSync(base, { recursive: true });
  fs.mkdirSync(overlay, { recursive: true });
  fs.writeFileSync(
    path.join(base, 'deployment.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-api
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: payments-api
  template:
    metadata:
      labels:
        app.kubernetes.io/name: payments-api
    spec:
      containers:
        - name: app
          image: payments-api:latest
          ports:
            - containerPort: 8000
`,
  );
  fs.writeFileSync(
    path.join(base, 'service.yaml'),
    `apiVersion: v1
kind: Service
metadata:
  name: payments-api
spec:
  selector:
    app.kubernetes.io/name: payments-api
  ports:
    - port: 80
      targetPort: 8000
`,
  );
  fs.writeFileSync(
    path.join(base, 'kustomization.yaml'),
    `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
`,
  );
  fs.writeFileSync(
    path.join(overlay, 'kustomization.yaml'),
    `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: payments
resources:
  - ../../base
labels:
  - pairs:
      backstage.io/kubernetes-id: payments-api
    includeSelectors: false
    includeTemplates: true
images:
  - name: payments-api
    newName: 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/payments-api
    newTag: 1.4.2
replicas:
  - name: payments-api
    count: 3
`,
  );
  return overlay;
}

describe('renderManifests', () => {
  it('renders a kustomize overlay with the real kubectl', async () => {
    const overlay = writeKustomizeRepo(tempDir());
    const objects: any[] = await renderManifests(overlay);
    expect(
      objects
        .map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)
        .sort(),
    ).toEqual([
      'Deployment/payments/payments-api',
      'Service/payments/payments-api',
    ]);
    const deployment = objects.find(o => o.kind === 'Deployment');
    expect(deployment.spec.replicas).toBe(3);
    expect(
      deployment.spec.template.metadata.labels['backstage.io/kubernetes-id'],
    ).toBe('payments-api');
    expect(deployment.spec.template.spec.containers[0].image).toBe(
      '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/payments-api:1.4.2',
    );
  });

  it('reports a broken kustomization as an InputError with kubectl’s message', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'kustomization.yaml'),
      'resources:\n  - missing.yaml\n',
    );
    const error = await renderManifests(dir).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /kubectl kustomize .* failed: .*missing\.yaml/,
    );
  });

  it('reads plain folders and files of YAML, skipping empty documents', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(
      path.join(dir, 'a.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    );
    fs.writeFileSync(
      path.join(dir, 'nested', 'c.yml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest');
    expect(
      (await renderManifests(dir)).map((o: any) => o.metadata.name),
    ).toEqual(['a', 'b', 'c']);
    expect(
      (await renderManifests(path.join(dir, 'nested', 'c.yml'))).map(
        (o: any) => o.metadata.name,
      ),
    ).toEqual(['c']);
    await expect(renderManifests(path.join(dir, 'nope'))).rejects.toThrow(
      /does not exist/,
    );
    expect(() => parseManifests('a: [1', 'bad.yaml')).toThrow(
      /bad\.yaml is not valid YAML/,
    );
    expect(() => parseManifests('- 1\n- 2\n', 'list.yaml')).toThrow(
      /not an object/,
    );
  });
});

describe('applyDirectory', () => {
  it('applies a rendered overlay under a source, into the destination namespace when the overlay sets none', async () => {
    const standIn = await createKubernetesStandIn({
      port: 0,
      token: 't',
      dataDir: tempDir(),
    });
    try {
      const root = tempDir();
      writeKustomizeRepo(root);
      const applied = await standIn.applyDirectory(
        path.join(root, 'deploy', 'base'),
        'payments-api',
        {
          namespace: 'team-payments',
        },
      );
      expect(
        applied.map(o => `${o.kind}/${o.namespace}/${o.name}`).sort(),
      ).toEqual([
        'Deployment/team-payments/payments-api',
        'Service/team-payments/payments-api',
      ]);
      const res = await fetch(
        `${standIn.url}/api/v1/namespaces/team-payments/pods`,
        {
          headers: { authorization: 'Bearer t' },
        },
      );
      expect((await res.json()).items).toHaveLength(1);
      expect(await standIn.deleteBySource('payments-api')).toBe(2);
    } finally {
      await standIn.stop();
    }
  });
});

describe('apply command', () => {
  let standIn: KubernetesStandIn;
  const token = 'cli-token';
  beforeAll(async () => {
    standIn = await createKubernetesStandIn({
      port: 0,
      token,
      dataDir: tempDir(),
    });
  });
  afterAll(() => standIn.stop());

  it('renders a kustomization folder and applies it to a running stand-in, then deletes by source', async () => {
    const root = tempDir();
    writeKustomizeRepo(root);
    const lines = await runApplyCli(
      ['deploy/overlays/sandbox', '--source', 'payments-api'],
      {
        url: standIn.url,
        token,
        cwd: root,
      },
    );
    expect(lines).toEqual([
      'service/payments-api (namespace payments) applied',
      'deployment/payments-api (namespace payments) applied',
    ]);
    const res = await fetch(
      `${standIn.url}/api/v1/namespaces/payments/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dpayments-api`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect((await res.json()).items).toHaveLength(3);

    expect(
      await runApplyCli(['--delete-source', 'payments-api'], {
        url: standIn.url,
        token,
        cwd: root,
      }),
    ).toEqual(['deleted 2 object(s) applied under "payments-api"']);
  });

  it('explains a wrong token, an unreachable stand-in and bad arguments', async () => {
    const root = tempDir();
    writeKustomizeRepo(root);
    await expect(
      runApplyCli(['deploy/base'], {
        url: standIn.url,
        token: 'wrong',
        cwd: root,
      }),
    ).rejects.toThrow('the stand-in refused: 401 Unauthorized');
    await expect(
      runApplyCli(['deploy/base'], {
        url: 'http://127.0.0.1:1',
        token,
        cwd: root,
      }),
    ).rejects.toThrow(
      /cannot reach the Kubernetes stand-in at http:\/\/127\.0\.0\.1:1 \(.+\); start it with/,
    );
    expect(() => parseArgs([])).toThrow(/usage: apply/);
    expect(() => parseArgs(['a', 'b'])).toThrow(/only one path/);
    expect(() => parseArgs(['--source'])).toThrow(/--source needs a value/);
    expect(parseArgs(['x', '-n', 'ns', '--prune'])).toEqual({
      target: 'x',
      namespace: 'ns',
      prune: true,
    });
  });
});
