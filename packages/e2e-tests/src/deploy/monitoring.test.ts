/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  byKind,
  findObject,
  K8sObject,
  kustomize,
  objectRef,
} from './manifests';
import { validateWithModels } from './schemas';

// The portal's metrics in deploy/: the pod announces its metrics port, the
// NetworkPolicy (manifests.test.ts) lets only Prometheus reach it, the
// Service and Ingress never carry it, and deploy/monitoring (Prometheus
// Operator) scrapes it and alerts on it. Rendered with the real
// `kubectl kustomize`, validated with the Prometheus Operator's schemas.
jest.setTimeout(120_000);

const overlays = ['eks', 'standalone'] as const;
const rendered: Record<string, K8sObject[]> = {};

beforeAll(async () => {
  for (const overlay of overlays) {
    rendered[overlay] = await kustomize(`deploy/overlays/${overlay}`);
  }
});

async function invalidModels(objects: K8sObject[]): Promise<string[]> {
  const results = await validateWithModels(objects);
  if (results.length !== objects.length) {
    return [`validated ${results.length} of ${objects.length} objects`];
  }
  return results.filter(r => !r.ok).map(r => `${r.ref}: ${r.message}`);
}

describe.each(overlays)('metrics in deploy/overlays/%s', overlay => {
  const objects = () => rendered[overlay];

  it('are announced for scraping on the metrics port and never reach the Service or the Ingress', () => {
    const deployment = findObject(objects(), 'Deployment', 'launchpad-portal');
    const pod = deployment.spec.template;
    const metricsPort = pod.spec.containers[0].ports.find(
      (p: any) => p.name === 'metrics',
    );
    expect(pod.metadata.annotations).toEqual(
      expect.objectContaining({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(metricsPort.containerPort),
        'prometheus.io/path': '/metrics',
      }),
    );
    // The image's instrumentation serves 9464 (OTEL_EXPORTER_PROMETHEUS_PORT).
    expect(metricsPort.containerPort).toBe(9464);
    const env = Object.fromEntries(
      (pod.spec.containers[0].env ?? []).map((e: any) => [e.name, e.value]),
    );
    expect(env.OTEL_EXPORTER_PROMETHEUS_PORT).toBeUndefined();
    // The Service (and so the ALB Ingress) carries the HTTP port only.
    for (const service of byKind(objects(), 'Service').filter(
      s => s.spec.selector?.['app.kubernetes.io/name'] === 'launchpad-portal',
    )) {
      expect(
        service.spec.ports.map((p: any) => p.targetPort ?? p.port),
      ).toEqual(['http']);
    }
  });
});

describe('deploy/monitoring', () => {
  let objects: K8sObject[];
  beforeAll(async () => {
    objects = await kustomize('deploy/monitoring');
  });

  it('validates against the Prometheus Operator schemas', async () => {
    expect(objects.map(objectRef)).toEqual([
      'PodMonitor/launchpad-portal',
      'PrometheusRule/launchpad-portal',
    ]);
    expect(await invalidModels(objects)).toEqual([]);
  });

  it("scrapes the portal pods' metrics port in the portal's namespace", () => {
    const monitor = findObject(objects, 'PodMonitor', 'launchpad-portal');
    const deployment = findObject(
      rendered.eks,
      'Deployment',
      'launchpad-portal',
    );
    expect(monitor.metadata.namespace).toBe(deployment.metadata.namespace);
    expect(deployment.spec.template.metadata.labels).toEqual(
      expect.objectContaining(monitor.spec.selector.matchLabels),
    );
    const ports = deployment.spec.template.spec.containers[0].ports.map(
      (p: any) => p.name,
    );
    for (const endpoint of monitor.spec.podMetricsEndpoints) {
      expect(ports).toContain(endpoint.port);
      expect(endpoint.path).toBe('/metrics');
    }
  });

  it('alerts on no ready pods, errors, the database, stalled catalog processing and failing template runs', () => {
    const rule = findObject(objects, 'PrometheusRule', 'launchpad-portal');
    const alerts = rule.spec.groups.flatMap((g: any) => g.rules);
    expect(alerts.map((a: any) => a.alert)).toEqual([
      'LaunchpadPortalNoReadyPods',
      'LaunchpadPortalHighErrorRatio',
      'LaunchpadPortalDatabaseUnavailable',
      'LaunchpadCatalogProcessingStalled',
      'LaunchpadTemplateRunsFailing',
      'LaunchpadOutboundCallsFailing',
    ]);
    for (const a of alerts) {
      expect(['critical', 'warning']).toContain(a.labels.severity);
      expect(a.annotations.summary).toBeTruthy();
      expect(a.annotations.description).toBeTruthy();
      // Scoped to the portal's namespace.
      expect(a.expr).toContain('namespace="launchpad"');
    }
  });
});
