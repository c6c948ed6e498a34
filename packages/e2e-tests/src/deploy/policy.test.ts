/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { K8sObject } from './manifests';
import {
  configMapPolicy,
  imagePolicy,
  probeAndResourcePolicy,
  referencePolicy,
  securityPolicy,
  servicePolicy,
} from './policy';
import { validateWithModels } from './schemas';

// The policy checks that manifests.test.ts runs on deploy/ must catch what
// they promise to catch: each is fed a compliant workload and a broken one.

const labels = { 'app.kubernetes.io/name': 'demo' };

function deployment(
  container: Record<string, any> = {},
  pod: Record<string, any> = {},
): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'demo', namespace: 'ns' },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'app',
              image: 'registry.example.com/team/demo:1.2.3',
              ports: [{ name: 'http', containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
              livenessProbe: { httpGet: { path: '/live', port: 'http' } },
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { memory: '256Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              envFrom: [{ configMapRef: { name: 'demo' } }],
              ...container,
            },
          ],
          ...pod,
        },
      },
    },
  };
}

const service = (
  selector: Record<string, string>,
  targetPort: string | number = 'http',
): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'demo', namespace: 'ns' },
  spec: { selector, ports: [{ port: 80, targetPort }] },
});

const configMap = (data: Record<string, string>): K8sObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'demo', namespace: 'ns' },
  data,
});

describe('policy checks', () => {
  it('accept a compliant workload', () => {
    const objects = [
      deployment(),
      service(labels),
      configMap({ LOG_LEVEL: 'info' }),
    ];
    expect(imagePolicy(objects)).toEqual([]);
    expect(probeAndResourcePolicy(objects)).toEqual([]);
    expect(securityPolicy(objects)).toEqual([]);
    expect(configMapPolicy(objects)).toEqual([]);
    expect(servicePolicy(objects)).toEqual([]);
    expect(referencePolicy(objects)).toEqual([]);
  });

  it.each([
    ['nginx', /has no tag/],
    ['nginx:latest', /moving tag latest/],
    ['registry.example.com:5000/nginx', /has no tag/],
    ['registry.example.com:5000/nginx:latest', /moving tag latest/],
  ])('reject image %s', (image, message) => {
    const [violation] = imagePolicy([deployment({ image })]);
    expect(violation).toMatch(message);
  });

  it('accept an image pinned by digest', () => {
    expect(
      imagePolicy([deployment({ image: `nginx@sha256:${'a'.repeat(64)}` })]),
    ).toEqual([]);
  });

  it('reject a container without probes or resources', () => {
    const violations = probeAndResourcePolicy([
      deployment({
        readinessProbe: undefined,
        livenessProbe: undefined,
        resources: undefined,
      }),
    ]);
    expect(violations).toEqual([
      'Deployment/demo container app: no readinessProbe',
      'Deployment/demo container app: no livenessProbe',
      'Deployment/demo container app: no cpu request',
      'Deployment/demo container app: no memory request',
      'Deployment/demo container app: no memory limit',
    ]);
  });

  it('reject root, privilege escalation and a writable root filesystem', () => {
    const violations = securityPolicy([
      deployment(
        { securityContext: { runAsUser: 0, allowPrivilegeEscalation: true } },
        { securityContext: {} },
      ),
    ]);
    expect(violations.join('\n')).toMatch(/runAsNonRoot is not true/);
    expect(violations.join('\n')).toMatch(/runAsUser is 0/);
    expect(violations.join('\n')).toMatch(
      /allowPrivilegeEscalation is not false/,
    );
    expect(violations.join('\n')).toMatch(/readOnlyRootFilesystem is not true/);
    expect(violations.join('\n')).toMatch(/capabilities do not drop ALL/);
    expect(violations.join('\n')).toMatch(/seccomp/);
  });

  it.each([
    [{ POSTGRES_PASSWORD: 'x' }, /key POSTGRES_PASSWORD looks like a secret/],
    [{ ARGOCD_TOKEN: 'x' }, /key ARGOCD_TOKEN/],
    [{ GITHUB_APP_PRIVATE_KEY: 'x' }, /key GITHUB_APP_PRIVATE_KEY/],
    [{ client_secret: 'x' }, /key client_secret/],
    [
      { DATABASE_URL: 'postgres://app:hunter2@db:5432/app' },
      /value of DATABASE_URL looks like a credential/,
    ],
    [{ NOTE: `ghp_${'a'.repeat(36)}` }, /value of NOTE/],
    [{ CERT: '-----BEGIN RSA PRIVATE KEY-----\nabc' }, /value of CERT/],
  ])('reject secrets in a ConfigMap: %j', (data, message) => {
    expect(configMapPolicy([configMap(data)]).join('\n')).toMatch(message);
  });

  it('reject a Service that selects no pod or a missing port', () => {
    expect(
      servicePolicy([
        deployment(),
        service({ 'app.kubernetes.io/name': 'other' }),
      ]),
    ).toEqual(['Service/demo: selects no pod template of this overlay']);
    expect(servicePolicy([deployment(), service(labels, 'metrics')])).toEqual([
      'Service/demo: targetPort metrics is on no selected container',
    ]);
    const elsewhere = {
      ...deployment(),
      metadata: { name: 'demo', namespace: 'other' },
    };
    expect(servicePolicy([elsewhere, service(labels)])).toHaveLength(1);
  });

  it('reject references to objects that are not rendered', () => {
    const violations = referencePolicy([
      deployment(
        {},
        {
          serviceAccountName: 'ghost',
          volumes: [{ name: 'ca', configMap: { name: 'ca' } }],
        },
      ),
    ]);
    expect(violations).toEqual([
      'Deployment/demo: refers to missing ServiceAccount/ghost',
      'Deployment/demo: refers to missing ConfigMap/demo',
      'Deployment/demo: refers to missing ConfigMap/ca',
    ]);
    expect(
      referencePolicy([deployment(), configMap({})], []).concat(
        referencePolicy(
          [deployment({ envFrom: [{ secretRef: { name: 's' } }] })],
          ['Secret/s'],
        ),
      ),
    ).toEqual([]);
  });
});

describe('schema validation', () => {
  it('reports invalid and unknown objects instead of passing them', async () => {
    const bad = deployment();
    bad.spec.replicas = 'two';
    const results = await validateWithModels([
      deployment(),
      bad,
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
    ]);
    expect(results.map(r => r.ok)).toEqual([true, false, false]);
    expect(results[1].message).toMatch(/replicas must be integer/);
    expect(results[2].message).toMatch(/no schema for example.com\/v1 Widget/);
  });
});
