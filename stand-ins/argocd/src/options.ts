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
 * pairs).
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
    clusters: env.ARGOCD_STANDIN_CLUSTERS
      ? parseClusters(env.ARGOCD_STANDIN_CLUSTERS)
      : DEFAULT_CLUSTERS,
  };
}
