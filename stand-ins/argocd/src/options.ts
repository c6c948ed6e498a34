/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadAll as parseYamlAll } from 'js-yaml';
import type { AppProjectDefinition } from './projects';
import {
  ArgoCdStandInOptions,
  DEFAULT_CLUSTERS,
  DEFAULT_PORT,
  DEFAULT_SYNC_DELAY_MS,
  DEFAULT_TOKEN,
  StandInCluster,
  findRepoRoot,
} from './standIn';

function parseClusters(value: string): StandInCluster[] {
  return value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(entry => {
      const eq = entry.indexOf('=');
      if (eq <= 0 || eq === entry.length - 1) {
        throw new Error(
          `ARGOCD_STANDIN_CLUSTERS entry "${entry}" must look like name=https://server-url`,
        );
      }
      return { name: entry.slice(0, eq), server: entry.slice(eq + 1) };
    });
}

/** The AppProject documents of a YAML file (e.g. deploy/tenancy/argocd/appprojects.yaml). */
function readProjectsFile(file: string): AppProjectDefinition[] {
  const docs = parseYamlAll(fs.readFileSync(file, 'utf8')) as any[];
  const projects = docs.filter(d => d && d.kind === 'AppProject');
  if (projects.length === 0) {
    throw new Error(`ARGOCD_STANDIN_PROJECTS_FILE ${file} holds no AppProject`);
  }
  return projects as AppProjectDefinition[];
}

/**
 * The policy of an `argocd-rbac-cm` ConfigMap file (e.g.
 * deploy/tenancy/argocd-rbac/argocd-rbac.yaml) as Argo CD composes it:
 * `policy.csv`, then every `policy.<name>.csv` key in name order. A file
 * that is not YAML with such a ConfigMap is read as the CSV itself.
 */
export function readPolicyFile(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  let docs: any[] = [];
  try {
    docs = parseYamlAll(text) as any[];
  } catch {
    return text;
  }
  const cm = docs.find(
    d => d?.kind === 'ConfigMap' && d?.metadata?.name === 'argocd-rbac-cm',
  );
  if (!cm) {
    if (docs.some(d => d && typeof d === 'object')) {
      throw new Error(`${file} holds no argocd-rbac-cm ConfigMap`);
    }
    return text;
  }
  const data: Record<string, string> = cm.data ?? {};
  const keys = Object.keys(data)
    .filter(k => /^policy\.[^.]+\.csv$/.test(k))
    .sort();
  return [data['policy.csv'] ?? '', ...keys.map(k => data[k])].join('\n');
}

function parseDefaultProject(value: string | undefined) {
  if (value === undefined || value === '' || value === 'locked')
    return 'locked';
  if (value === 'open') return 'open';
  throw new Error(
    `ARGOCD_STANDIN_DEFAULT_PROJECT must be locked or open, got "${value}"`,
  );
}

function parseNumber(
  name: string,
  value: string | undefined,
  fallback: number,
) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  }
  return n;
}

/**
 * Reads the stand-in's options from environment variables:
 * ARGOCD_STANDIN_PORT, ARGOCD_STANDIN_TOKEN, ARGOCD_STANDIN_DATA,
 * ARGOCD_STANDIN_SYNC_DELAY_MS, ARGOCD_STANDIN_PROJECTS (comma separated
 * names of projects that allow everything), ARGOCD_STANDIN_PROJECTS_FILE (a
 * YAML file of AppProjects, enforced), ARGOCD_STANDIN_DEFAULT_PROJECT
 * (`locked` or `open`), ARGOCD_STANDIN_CLUSTERS (comma separated name=url
 * pairs), ARGOCD_STANDIN_RBAC_POLICY_FILE (an argocd-rbac-cm file or a
 * policy CSV, enforced for the token's account ARGOCD_STANDIN_ACCOUNT,
 * default `backstage`) and ARGOCD_STANDIN_ADMIN_TOKEN (a token that may do
 * everything).
 */
export function optionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ArgoCdStandInOptions {
  const repoRoot = findRepoRoot();
  const dataDir = env.ARGOCD_STANDIN_DATA
    ? path.resolve(repoRoot, env.ARGOCD_STANDIN_DATA)
    : path.join(repoRoot, '.sandbox', 'argocd');
  return {
    port: parseNumber(
      'ARGOCD_STANDIN_PORT',
      env.ARGOCD_STANDIN_PORT,
      DEFAULT_PORT,
    ),
    token: env.ARGOCD_STANDIN_TOKEN || DEFAULT_TOKEN,
    dataDir,
    syncDelayMs: parseNumber(
      'ARGOCD_STANDIN_SYNC_DELAY_MS',
      env.ARGOCD_STANDIN_SYNC_DELAY_MS,
      DEFAULT_SYNC_DELAY_MS,
    ),
    projects: [
      ...(env.ARGOCD_STANDIN_PROJECTS ?? '')
        .split(',')
        .map(s => s.trim())
        .filter(Boolean),
      ...(env.ARGOCD_STANDIN_PROJECTS_FILE
        ? readProjectsFile(
            path.resolve(repoRoot, env.ARGOCD_STANDIN_PROJECTS_FILE),
          )
        : []),
    ],
    defaultProject: parseDefaultProject(env.ARGOCD_STANDIN_DEFAULT_PROJECT),
    ...(env.ARGOCD_STANDIN_RBAC_POLICY_FILE
      ? {
          rbac: {
            policy: readPolicyFile(
              path.resolve(repoRoot, env.ARGOCD_STANDIN_RBAC_POLICY_FILE),
            ),
            account: env.ARGOCD_STANDIN_ACCOUNT || undefined,
            adminToken: env.ARGOCD_STANDIN_ADMIN_TOKEN || undefined,
          },
        }
      : {}),
    clusters: env.ARGOCD_STANDIN_CLUSTERS
      ? parseClusters(env.ARGOCD_STANDIN_CLUSTERS)
      : DEFAULT_CLUSTERS,
  };
}
