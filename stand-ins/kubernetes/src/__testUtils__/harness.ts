/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// What this package's HTTP tests share: a stand-in per test on a free port
// with a fresh data folder, requests with the test token, and List checks.

import { statusAndBody } from '@internal/test-support';
import { createKubernetesStandIn, KubernetesStandIn } from '../standIn';
import { expectValidObject, removeTempDirs, tempDir } from '../testing';

export const TOKEN = 'test-token';
export const SELECTOR = 'backstage.io/kubernetes-id=demo';

/**
 * Call inside a `describe`: `start()` runs a stand-in that is stopped after
 * each test (and its temporary folders removed after the file).
 */
export function standInHarness() {
  const running: KubernetesStandIn[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(s => s.stop()));
  });
  afterAll(() => removeTempDirs());

  async function start(dataDir = tempDir()) {
    const standIn = await createKubernetesStandIn({
      port: 0,
      token: TOKEN,
      dataDir,
    });
    running.push(standIn);
    return standIn;
  }

  return { start, running };
}

export async function get(
  standIn: KubernetesStandIn,
  path: string,
  token: string | null = TOKEN,
) {
  const res = await fetch(`${standIn.url}${path}`, {
    headers: token !== null ? { authorization: `Bearer ${token}` } : {},
  });
  return statusAndBody(res);
}

export const listPath = (
  t: { group: string; apiVersion: string; plural: string },
  namespace?: string,
  selector = SELECTOR,
) =>
  `${t.group ? `/apis/${t.group}/${t.apiVersion}` : `/api/${t.apiVersion}`}${
    namespace ? `/namespaces/${namespace}` : ''
  }/${t.plural}?labelSelector=${encodeURIComponent(selector)}`;

/** Asserts the List envelope and validates every item; returns the items. */
export function expectList(
  body: any,
  t: { group: string; apiVersion: string },
  kind: string,
) {
  const apiVersion = t.group ? `${t.group}/${t.apiVersion}` : t.apiVersion;
  expect(body).toMatchObject({
    kind: `${kind}List`,
    apiVersion,
    metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
  });
  expect(Array.isArray(body.items)).toBe(true);
  for (const item of body.items) expectValidObject(item, apiVersion, kind);
  return body.items as any[];
}

export const KINDS: Record<string, string> = {
  pods: 'Pod',
  services: 'Service',
  configmaps: 'ConfigMap',
  limitranges: 'LimitRange',
  resourcequotas: 'ResourceQuota',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  jobs: 'Job',
  cronjobs: 'CronJob',
  ingresses: 'Ingress',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
};
export const APPLIED = [
  'pods',
  'services',
  'configmaps',
  'deployments',
  'replicasets',
  'horizontalpodautoscalers',
  'ingresses',
];
