/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** Where one part of the sandbox comes from. */
export type Source = 'stand-in' | 'real';

export interface SandboxPlan {
  github: Source;
  argocd: Source;
  kubernetes: Source;
  /** `--config` files for the portal, relative to the repository root, in order. */
  configFiles: string[];
  /** Why each real part was chosen, or which variable is missing for it. */
  notes: string[];
}

/** The variables that switch each part from its stand-in to the real service. */
export const REAL_SERVICE_VARIABLES = {
  github: ['AUTH_GITHUB_CLIENT_ID', 'AUTH_GITHUB_CLIENT_SECRET', 'GITHUB_ORG'],
  argocd: ['ARGOCD_URL', 'ARGOCD_TOKEN'],
  kubernetes: ['EKS_CLUSTER_NAME', 'EKS_CLUSTER_URL', 'EKS_CLUSTER_CA_DATA'],
} as const;

/**
 * Personal overrides at the repository root, loaded last when present (as a
 * create-app backend would): git-ignored (`*.local.yaml`).
 */
export const LOCAL_CONFIG_FILE = 'app-config.local.yaml';

export interface PlanOptions {
  /** Whether {@link LOCAL_CONFIG_FILE} exists at the repository root. */
  hasLocalConfig?: boolean;
}

/**
 * Decides, part by part, whether the sandbox starts a stand-in or the portal
 * talks to the real service: a part is real when all of its variables are
 * set, and a stand-in when none are. Some but not all is an error naming the
 * missing ones, rather than a silent fallback.
 */
export function planSandbox(
  env: Record<string, string | undefined>,
  options: PlanOptions = {},
): SandboxPlan {
  const notes: string[] = [];
  const problems: string[] = [];
  const pick = (part: keyof typeof REAL_SERVICE_VARIABLES): Source => {
    const names = REAL_SERVICE_VARIABLES[part];
    const set = names.filter(n => env[n]?.trim());
    if (set.length === 0) return 'stand-in';
    if (set.length === names.length) {
      notes.push(`${part}: real service (${names.join(', ')} are set)`);
      return 'real';
    }
    const missing = names.filter(n => !set.includes(n));
    problems.push(
      `${part}: ${set.join(', ')} ${
        set.length > 1 ? 'are' : 'is'
      } set but ${missing.join(', ')} ${
        missing.length > 1 ? 'are' : 'is'
      } not; set all of them to use the real service, or none for the stand-in`,
    );
    return 'stand-in';
  };
  const github = pick('github');
  const argocd = pick('argocd');
  const kubernetes = pick('kubernetes');
  if (problems.length > 0) {
    throw new Error(problems.join('\n'));
  }
  const file = (part: string, source: Source) =>
    source === 'real' ? `config/${part}.yaml` : `config/${part}.sandbox.yaml`;
  return {
    github,
    argocd,
    kubernetes,
    configFiles: [
      'app-config.yaml',
      'app-config.development.yaml',
      file('github', github),
      file('argocd', argocd),
      file('kubernetes', kubernetes),
      // Personal overrides: app-config.local.yaml, then any file named by
      // LAUNCHPAD_LOCAL_CONFIG.
      ...(options.hasLocalConfig ? [LOCAL_CONFIG_FILE] : []),
      ...(env.LAUNCHPAD_LOCAL_CONFIG ? [env.LAUNCHPAD_LOCAL_CONFIG] : []),
    ],
    notes,
  };
}
