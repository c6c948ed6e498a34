/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import path from 'node:path';
import {
  createArgoCdStandIn,
  DEFAULT_TOKEN as ARGOCD_TOKEN,
  findRepoRoot,
} from '@internal/argocd-stand-in';
import {
  argocdPolicyCsv,
  argocdProjects,
  loadTenancyFromFiles,
  readPortalApplication,
  TenancyConfig,
} from '@internal/plugin-launchpad-tenancy-node';
import { createGitHubStandIn } from '@internal/github-stand-in';
import {
  createKubernetesStandIn,
  DEFAULT_TOKEN as KUBERNETES_TOKEN,
} from '@internal/kubernetes-stand-in';
import { createGitOpsSync } from './gitopsSync';
import type { SandboxPlan } from './plan';

/** Fixed ports: the sandbox config files in config/ point at them. */
export const SANDBOX_PORTS = { github: 3300, argocd: 8088, kubernetes: 8089 };
export const GITHUB_INTEGRATION_TOKEN = 'sandbox-github-token';
/** The organization webhook's secret; config/github.sandbox.yaml has the same. */
export const GITHUB_WEBHOOK_SECRET = 'sandbox-webhook-secret';
/**
 * A token of the Argo CD stand-in's built-in admin, for looking around or
 * cleaning up by hand: the portal's own token (`sandbox-argocd-token`) has
 * only the portal's policy. Not a secret: it only opens the stand-in.
 */
export const ARGOCD_ADMIN_TOKEN = 'sandbox-argocd-admin-token';
/** The cluster name templates deploy to; Argo CD and the portal both know it. */
export const SANDBOX_CLUSTER = 'eks';

export interface RunningStandIn {
  name: string;
  url: string;
  dataDir: string;
  /** Argo CD: the enforced RBAC policy's lines and those that granted a request. */
  rbac?: { policyLines(): string[]; usedLines(): string[] };
  stop(): Promise<void>;
}

export interface StartOptions {
  plan: SandboxPlan;
  /** Where `.sandbox/` lives: the repository root. */
  rootDir: string;
  /** Ports; 0 picks free ones (tests). Defaults to {@link SANDBOX_PORTS}. */
  ports?: Partial<typeof SANDBOX_PORTS>;
  /** Milliseconds Argo CD takes to sync. */
  syncDelayMs?: number;
  /** The portal's backend URL, for the OAuth callback. Default http://localhost:7007. */
  portalBackendUrl?: string;
  /**
   * Where the GitHub stand-in delivers its organization webhook. Default
   * `<portalBackendUrl>/api/events/http/github`, as an organization owner
   * would configure it on GitHub.
   */
  webhookUrl?: string;
  /** Where the plan's config files are: the repository root (default: found from this package). */
  configRoot?: string;
  log?: (line: string) => void;
}

/** Where the plan's config files and deploy/ are. */
function configRoot(options: StartOptions) {
  return options.configRoot ?? findRepoRoot();
}

/**
 * Starts the stand-ins the plan asks for, wired like the real thing: what
 * the Argo CD stand-in syncs is cloned from the GitHub stand-in and applied
 * to the Kubernetes stand-in. Stops what it started if a later one fails.
 */
export async function startStandIns(
  options: StartOptions,
): Promise<RunningStandIn[]> {
  const { plan, rootDir, log } = options;
  const ports = { ...SANDBOX_PORTS, ...options.ports };
  const dataDir = (name: string) => path.join(rootDir, '.sandbox', name);
  const started: RunningStandIn[] = [];
  const portalBackendUrl = options.portalBackendUrl ?? 'http://localhost:7007';
  try {
    let githubUrl: string | undefined;
    if (plan.github === 'stand-in') {
      const github = await createGitHubStandIn({
        port: ports.github,
        dataDir: dataDir('github'),
        integrationToken: GITHUB_INTEGRATION_TOKEN,
        oauthApp: {
          callbackUrl: `${portalBackendUrl}/api/auth/github/handler/frame`,
        },
        webhook: {
          url:
            options.webhookUrl ?? `${portalBackendUrl}/api/events/http/github`,
          secret: GITHUB_WEBHOOK_SECRET,
        },
      });
      githubUrl = github.url;
      started.push({
        name: 'GitHub',
        url: github.url,
        dataDir: dataDir('github'),
        stop: github.stop,
      });
    }

    let kubernetes:
      | Awaited<ReturnType<typeof createKubernetesStandIn>>
      | undefined;
    if (plan.kubernetes === 'stand-in') {
      kubernetes = await createKubernetesStandIn({
        port: ports.kubernetes,
        dataDir: dataDir('kubernetes'),
        token: KUBERNETES_TOKEN,
      });
      started.push({
        name: 'Kubernetes API',
        url: kubernetes.url,
        dataDir: dataDir('kubernetes'),
        stop: kubernetes.stop,
      });
    }

    if (plan.argocd === 'stand-in') {
      const tenancy = loadTenancy(options, log);
      const portalApplication = readPortalApplication(
        path.join(configRoot(options), 'deploy/argocd/application.yaml'),
      );
      const argocd = await createArgoCdStandIn({
        port: ports.argocd,
        dataDir: dataDir('argocd'),
        token: ARGOCD_TOKEN,
        syncDelayMs: options.syncDelayMs,
        // The teams' AppProjects and the locked `default`, generated from the
        // same launchpad.tenancy the portal reads (as deploy/tenancy/ is).
        // The teams' projects and the portal's own (deploy/argocd/; open
        // here, so its Application can be shown without its repository).
        projects: [
          ...tenancyProjects(
            tenancy,
            githubUrl ? Number(new URL(githubUrl).port) : ports.github,
          ),
          portalApplication.project,
        ],
        // The portal's token has exactly the policy deploy/tenancy/argocd-rbac
        // gives the portal's account in production (the same generator).
        rbac: {
          policy: argocdPolicyCsv(
            { teams: tenancy?.teams ?? [] },
            portalApplication,
          ),
          adminToken: ARGOCD_ADMIN_TOKEN,
        },
        clusters: [
          { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
          {
            name: SANDBOX_CLUSTER,
            server: kubernetes?.url ?? 'https://eks.invalid',
          },
        ],
        onSync: kubernetes
          ? createGitOpsSync({
              kubernetes,
              gitCredentials: githubUrl
                ? {
                    [new URL(githubUrl).origin]: {
                      username: 'x-access-token',
                      password: GITHUB_INTEGRATION_TOKEN,
                    },
                  }
                : {},
              log,
            })
          : undefined,
      });
      started.push({
        name: 'Argo CD',
        url: argocd.url,
        dataDir: dataDir('argocd'),
        rbac: argocd.rbac,
        stop: argocd.stop,
      });
    }
    return started;
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

/** launchpad.tenancy of the plan's config files. */
function loadTenancy(options: StartOptions, log?: (line: string) => void) {
  const root = configRoot(options);
  const tenancy = loadTenancyFromFiles(
    options.plan.configFiles.map(f => path.resolve(root, f)),
  );
  if (!tenancy) {
    log?.(
      'launchpad.tenancy is not configured: Argo CD has only its locked default project',
    );
  }
  return tenancy;
}

/**
 * The AppProjects for the plan's tenancy. The GitHub stand-in may run on
 * another port than the config names (tests), so its repositories are
 * allowed on the port it really has.
 */
function tenancyProjects(
  tenancy: TenancyConfig | undefined,
  githubPort: number,
) {
  if (!tenancy) return [];
  const standIn = `localhost:${SANDBOX_PORTS.github}`;
  return argocdProjects({
    ...tenancy,
    sourceRepos: tenancy.sourceRepos.map(r =>
      r.replace(standIn, `localhost:${githubPort}`),
    ),
  });
}

export async function stopAll(running: RunningStandIn[]) {
  for (const s of [...running].reverse()) {
    await s.stop().catch(() => {});
  }
}
