/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * Helpers for this package's tests: a demo workload and schema checks of
 * what the stand-in serves.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelFor } from './validation';

const created: string[] = [];

/** A fresh temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'k8s-standin-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs() {
  for (const dir of created.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Deployment + Service + Ingress + HPA + ConfigMap labelled `backstage.io/kubernetes-id: <id>`. */
export function demoManifests(
  id = 'demo',
  opts: { namespace?: string; image?: string; replicas?: number } = {},
): any[] {
  const namespace = opts.namespace ?? 'demo';
  const labels = { app: id, 'backstage.io/kubernetes-id': id };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${id}-config`, namespace, labels },
      data: { LOG_LEVEL: 'info' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: id, namespace, labels },
      spec: {
        replicas: opts.replicas ?? 2,
        selector: { matchLabels: { app: id } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'app',
                image:
                  opts.image ??
                  `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${id}:1.0.0`,
                ports: [{ name: 'http', containerPort: 8000 }],
                resources: {
                  requests: { cpu: '100m', memory: '128Mi' },
                  limits: { memory: '256Mi' },
                },
                readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: id, namespace, labels },
      spec: {
        selector: { app: id },
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: id,
        namespace,
        labels,
        annotations: { 'alb.ingress.kubernetes.io/scheme': 'internal' },
      },
      spec: {
        ingressClassName: 'alb',
        rules: [
          {
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: id, port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: id, namespace, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: id },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
    },
  ];
}

/**
 * Validates an object against the Kubernetes schema (kubernetes-models).
 * List items come without apiVersion/kind, so the list's are passed in.
 * Throws for a built-in kind without a model, so a test cannot pass by accident.
 */
export function expectValidObject(
  object: any,
  apiVersion: string = object.apiVersion,
  kind: string = object.kind,
) {
  const Model = modelFor(apiVersion, kind);
  if (!Model) throw new Error(`no schema for ${apiVersion} ${kind}`);
  new Model({ ...object, apiVersion, kind }).validate();
}
