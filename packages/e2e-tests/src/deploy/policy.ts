/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { K8sObject, objectRef } from './manifests';

// Policy checks on rendered manifests. Each returns human-readable violations;
// an empty list means the objects pass.

interface PodTemplate {
  owner: K8sObject;
  labels: Record<string, string>;
  spec: any;
}

/** Pod templates of every workload kind (and bare Pods). */
export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  const result: PodTemplate[] = [];
  for (const o of objects) {
    switch (o.kind) {
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
      case 'ReplicaSet':
      case 'Job':
        result.push({
          owner: o,
          labels: o.spec?.template?.metadata?.labels ?? {},
          spec: o.spec?.template?.spec ?? {},
        });
        break;
      case 'CronJob':
        result.push({
          owner: o,
          labels: o.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {},
          spec: o.spec?.jobTemplate?.spec?.template?.spec ?? {},
        });
        break;
      case 'Pod':
        result.push({
          owner: o,
          labels: o.metadata.labels ?? {},
          spec: o.spec ?? {},
        });
        break;
      default:
    }
  }
  return result;
}

function containersOf(t: PodTemplate, withInit = true): any[] {
  return [
    ...(t.spec.containers ?? []),
    ...(withInit ? t.spec.initContainers ?? [] : []),
  ];
}

/**
 * Every image names a registry path with a fixed tag (or a digest), never
 * `latest` and never untagged.
 */
export function imagePolicy(objects: K8sObject[]): string[] {
  const violations: string[] = [];
  for (const t of podTemplates(objects)) {
    for (const c of containersOf(t)) {
      const image: string = c.image ?? '';
      const where = `${objectRef(t.owner)} container ${c.name}`;
      if (!image) {
        violations.push(`${where}: no image`);
        continue;
      }
      if (/@sha256:[0-9a-f]{64}$/.test(image)) continue;
      const lastSegment = image.slice(image.lastIndexOf('/') + 1);
      const colon = lastSegment.indexOf(':');
      if (colon === -1) {
        violations.push(`${where}: image ${image} has no tag`);
      } else if (lastSegment.slice(colon + 1) === 'latest') {
        violations.push(`${where}: image ${image} uses the moving tag latest`);
      }
    }
  }
  return violations;
}

/** Readiness and liveness probes, CPU/memory requests and a memory limit. */
export function probeAndResourcePolicy(objects: K8sObject[]): string[] {
  const violations: string[] = [];
  for (const t of podTemplates(objects)) {
    for (const c of containersOf(t, false)) {
      const where = `${objectRef(t.owner)} container ${c.name}`;
      if (!c.readinessProbe) violations.push(`${where}: no readinessProbe`);
      if (!c.livenessProbe) violations.push(`${where}: no livenessProbe`);
    }
    for (const c of containersOf(t)) {
      const where = `${objectRef(t.owner)} container ${c.name}`;
      const { requests = {}, limits = {} } = c.resources ?? {};
      if (!requests.cpu) violations.push(`${where}: no cpu request`);
      if (!requests.memory) violations.push(`${where}: no memory request`);
      if (!limits.memory) violations.push(`${where}: no memory limit`);
    }
  }
  return violations;
}

/**
 * Non-root, no privilege escalation, all capabilities dropped, read-only root
 * filesystem, RuntimeDefault seccomp (Pod Security `restricted`).
 */
export function securityPolicy(objects: K8sObject[]): string[] {
  const violations: string[] = [];
  for (const t of podTemplates(objects)) {
    const pod = t.spec.securityContext ?? {};
    for (const c of containersOf(t)) {
      const sc = c.securityContext ?? {};
      const where = `${objectRef(t.owner)} container ${c.name}`;
      const runAsNonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      const runAsUser = sc.runAsUser ?? pod.runAsUser;
      if (runAsNonRoot !== true)
        violations.push(`${where}: runAsNonRoot is not true`);
      if (runAsUser === 0) violations.push(`${where}: runAsUser is 0`);
      if (sc.allowPrivilegeEscalation !== false) {
        violations.push(`${where}: allowPrivilegeEscalation is not false`);
      }
      if (sc.privileged === true) violations.push(`${where}: privileged`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) {
        violations.push(`${where}: capabilities do not drop ALL`);
      }
      if (sc.readOnlyRootFilesystem !== true) {
        violations.push(`${where}: readOnlyRootFilesystem is not true`);
      }
      const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
        violations.push(`${where}: no RuntimeDefault seccomp profile`);
      }
    }
    if (t.spec.hostNetwork || t.spec.hostPID || t.spec.hostIPC) {
      violations.push(`${objectRef(t.owner)}: uses host namespaces`);
    }
  }
  return violations;
}

const SECRET_KEY = /PASSWORD|SECRET|TOKEN|KEY/i;
const SECRET_VALUE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // credentials in a URL
];

/** ConfigMaps hold settings only: no secret-named keys, no secret-looking values. */
export function configMapPolicy(objects: K8sObject[]): string[] {
  const violations: string[] = [];
  for (const cm of objects.filter(o => o.kind === 'ConfigMap')) {
    const entries = Object.entries({
      ...(cm.data ?? {}),
      ...(cm.binaryData ?? {}),
    });
    for (const [key, value] of entries) {
      if (SECRET_KEY.test(key)) {
        violations.push(
          `${objectRef(
            cm,
          )}: key ${key} looks like a secret; put it in a Secret`,
        );
      }
      if (SECRET_VALUE.some(re => re.test(String(value)))) {
        violations.push(
          `${objectRef(cm)}: value of ${key} looks like a credential`,
        );
      }
    }
  }
  return violations;
}

function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function matchLabelsOf(selector: any): Record<string, string> | undefined {
  if (!selector) return undefined;
  if (selector.matchExpressions?.length) return undefined; // not used here
  return selector.matchLabels;
}

/**
 * Every Service selects a pod template rendered with it, in the same
 * namespace, and every named targetPort exists on a selected container.
 */
export function servicePolicy(objects: K8sObject[]): string[] {
  const violations: string[] = [];
  const templates = podTemplates(objects);
  for (const svc of objects.filter(o => o.kind === 'Service')) {
    if (svc.spec?.type === 'ExternalName') continue;
    const selected = templates.filter(
      t =>
        (t.owner.metadata.namespace ?? '') === (svc.metadata.namespace ?? '') &&
        selects(svc.spec?.selector, t.labels),
    );
    if (selected.length === 0) {
      violations.push(
        `${objectRef(svc)}: selects no pod template of this overlay`,
      );
      continue;
    }
    for (const port of svc.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const found = selected.some(t =>
        containersOf(t, false).some(c =>
          (c.ports ?? []).some((p: any) =>
            typeof target === 'string'
              ? p.name === target
              : p.containerPort === target,
          ),
        ),
      );
      if (!found)
        violations.push(
          `${objectRef(svc)}: targetPort ${target} is on no selected container`,
        );
    }
  }
  return violations;
}

/**
 * Cross-references inside one render: ConfigMaps/Secrets/ServiceAccounts that
 * pods use, Ingress backends, HPA targets and PDB selectors must exist.
 * `external` names objects created outside the render on purpose
 * (`Kind/name`), e.g. a Secret produced by an ExternalSecret is added
 * automatically.
 */
export function referencePolicy(
  objects: K8sObject[],
  external: string[] = [],
): string[] {
  const violations: string[] = [];
  const have = new Set(objects.map(o => `${o.kind}/${o.metadata.name}`));
  for (const es of objects.filter(o => o.kind === 'ExternalSecret')) {
    have.add(`Secret/${es.spec?.target?.name ?? es.metadata.name}`);
  }
  external.forEach(e => have.add(e));
  const need = (owner: K8sObject, ref: string) => {
    if (!have.has(ref))
      violations.push(`${objectRef(owner)}: refers to missing ${ref}`);
  };
  const templates = podTemplates(objects);
  for (const t of templates) {
    if (t.spec.serviceAccountName)
      need(t.owner, `ServiceAccount/${t.spec.serviceAccountName}`);
    for (const c of containersOf(t)) {
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef && !from.configMapRef.optional) {
          need(t.owner, `ConfigMap/${from.configMapRef.name}`);
        }
        if (from.secretRef && !from.secretRef.optional)
          need(t.owner, `Secret/${from.secretRef.name}`);
      }
      for (const env of c.env ?? []) {
        const cm = env.valueFrom?.configMapKeyRef;
        const sec = env.valueFrom?.secretKeyRef;
        if (cm && !cm.optional) need(t.owner, `ConfigMap/${cm.name}`);
        if (sec && !sec.optional) need(t.owner, `Secret/${sec.name}`);
      }
      const mounts = new Set((c.volumeMounts ?? []).map((m: any) => m.name));
      for (const name of mounts) {
        if (!(t.spec.volumes ?? []).some((v: any) => v.name === name)) {
          const claim = (t.owner.spec?.volumeClaimTemplates ?? []).some(
            (v: any) => v.metadata?.name === name,
          );
          if (!claim)
            violations.push(
              `${objectRef(t.owner)}: mounts undefined volume ${name}`,
            );
        }
      }
    }
    for (const v of t.spec.volumes ?? []) {
      if (v.configMap && !v.configMap.optional)
        need(t.owner, `ConfigMap/${v.configMap.name}`);
      if (v.secret && !v.secret.optional)
        need(t.owner, `Secret/${v.secret.secretName}`);
    }
  }
  for (const t of templates) {
    const own = matchLabelsOf(t.owner.spec?.selector);
    if (
      t.owner.kind !== 'Pod' &&
      t.owner.kind !== 'CronJob' &&
      t.owner.kind !== 'Job'
    ) {
      if (!selects(own, t.labels)) {
        violations.push(
          `${objectRef(
            t.owner,
          )}: spec.selector does not match its pod template labels`,
        );
      }
    }
  }
  for (const ing of objects.filter(o => o.kind === 'Ingress')) {
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svcRef = p.backend?.service;
        if (!svcRef) continue;
        const svc = objects.find(
          o => o.kind === 'Service' && o.metadata.name === svcRef.name,
        );
        if (!svc) {
          violations.push(
            `${objectRef(ing)}: backend Service ${svcRef.name} is not rendered`,
          );
        } else if (
          !(svc.spec?.ports ?? []).some((sp: any) =>
            svcRef.port?.name
              ? sp.name === svcRef.port.name
              : sp.port === svcRef.port?.number,
          )
        ) {
          violations.push(
            `${objectRef(ing)}: Service ${
              svcRef.name
            } has no port ${JSON.stringify(svcRef.port)}`,
          );
        }
      }
    }
  }
  for (const hpa of objects.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
    const target = hpa.spec?.scaleTargetRef;
    need(hpa, `${target?.kind}/${target?.name}`);
  }
  for (const pdb of objects.filter(o => o.kind === 'PodDisruptionBudget')) {
    if (
      !templates.some(t => selects(matchLabelsOf(pdb.spec?.selector), t.labels))
    ) {
      violations.push(`${objectRef(pdb)}: selects no pod template`);
    }
  }
  for (const np of objects.filter(o => o.kind === 'NetworkPolicy')) {
    if (
      !templates.some(t =>
        selects(matchLabelsOf(np.spec?.podSelector), t.labels),
      )
    ) {
      violations.push(`${objectRef(np)}: podSelector selects no pod template`);
    }
  }
  return violations;
}
