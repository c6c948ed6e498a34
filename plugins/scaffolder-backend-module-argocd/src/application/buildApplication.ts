/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { InputError } from '@backstage/errors';
import { ArgoCdApplication } from '@internal/plugin-argocd-common';

/** Argo CD Application names are Kubernetes object names (RFC 1123 subdomains). */
export const APP_NAME_PATTERN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Why `appName` is not a valid Application name, or undefined when it is.
 * Shared by the actions that take an Application name.
 */
export function appNameProblem(appName: string): string | undefined {
  if (APP_NAME_PATTERN.test(appName) && appName.length <= 253) {
    return undefined;
  }
  return `appName "${appName}" is not a valid Application name (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters)`;
}

/** The inputs of `argocd:app:create` that shape the Application. */
export interface CreateApplicationInput {
  appName: string;
  project: string;
  repoUrl: string;
  path?: string;
  targetRevision?: string;
  destinationServer?: string;
  destinationName?: string;
  namespace: string;
  automatedSync?: boolean;
  prune?: boolean;
  selfHeal?: boolean;
  createNamespace?: boolean;
  labels?: Record<string, string>;
}

/** Checks the input and builds the Application body; throws InputError before any request. */
export function buildApplication(
  input: CreateApplicationInput,
): ArgoCdApplication {
  const problems: string[] = [];
  const nameProblem = appNameProblem(input.appName);
  if (nameProblem) {
    problems.push(nameProblem);
  }
  if (!input.project?.trim()) {
    problems.push('project must not be empty');
  }
  const repoUrl = input.repoUrl?.trim() ?? '';
  if (/^[^/:]+\?(.*&)?(owner|repo)=/.test(repoUrl)) {
    problems.push(
      `repoUrl "${repoUrl}" is in the RepoUrlPicker format; pass the Git URL instead, e.g. \${{ steps['publish'].output.remoteUrl }}`,
    );
  } else if (!/^(https?:\/\/|ssh:\/\/|git@)\S+$/.test(repoUrl)) {
    problems.push(
      `repoUrl "${repoUrl}" is not a Git URL (expected https://..., ssh://... or git@host:org/repo.git)`,
    );
  }
  const server = input.destinationServer?.trim() || undefined;
  const name = input.destinationName?.trim() || undefined;
  if (server && name) {
    problems.push(
      'set only one of destinationServer and destinationName, not both',
    );
  } else if (!server && !name) {
    problems.push(
      'set destinationName (the cluster name registered in Argo CD, e.g. your EKS cluster) or destinationServer (its API server URL)',
    );
  } else if (server && !/^https?:\/\/\S+$/.test(server)) {
    problems.push(`destinationServer "${server}" must be an https:// URL`);
  }
  if (
    !NAMESPACE_PATTERN.test(input.namespace ?? '') ||
    input.namespace.length > 63
  ) {
    problems.push(
      `namespace "${input.namespace}" is not a valid Kubernetes namespace (lowercase letters, digits and "-", at most 63 characters)`,
    );
  }
  for (const [key, value] of Object.entries(input.labels ?? {})) {
    const [prefix, labelName] = key.includes('/')
      ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)]
      : [undefined, key];
    const keyOk =
      LABEL_NAME.test(labelName) &&
      labelName.length <= 63 &&
      (prefix === undefined ||
        (LABEL_PREFIX.test(prefix) && prefix.length <= 253));
    if (!keyOk) {
      problems.push(`label key "${key}" is not a valid Kubernetes label key`);
    }
    if (
      typeof value !== 'string' ||
      !LABEL_VALUE.test(value) ||
      value.length > 63
    ) {
      problems.push(
        `label "${key}" has an invalid value "${value}" (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`,
      );
    }
  }
  if (!input.automatedSync && (input.prune || input.selfHeal)) {
    problems.push('prune and selfHeal only apply with automatedSync: true');
  }
  if (problems.length) {
    throw new InputError(
      `Invalid input for argocd:app:create: ${problems.join('; ')}.`,
    );
  }

  const syncPolicy: NonNullable<ArgoCdApplication['spec']['syncPolicy']> = {};
  if (input.automatedSync) {
    syncPolicy.automated = {
      prune: input.prune ?? false,
      selfHeal: input.selfHeal ?? false,
    };
  }
  if (input.createNamespace) {
    syncPolicy.syncOptions = ['CreateNamespace=true'];
  }
  const labels =
    input.labels && Object.keys(input.labels).length ? input.labels : undefined;

  return {
    metadata: {
      name: input.appName,
      ...(labels ? { labels } : {}),
    },
    spec: {
      project: input.project.trim(),
      source: {
        repoURL: repoUrl,
        path: input.path?.trim() || '.',
        targetRevision: input.targetRevision?.trim() || 'HEAD',
      },
      destination: {
        ...(server ? { server } : { name }),
        namespace: input.namespace,
      },
      ...(Object.keys(syncPolicy).length ? { syncPolicy } : {}),
    },
  };
}
