/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  argoCdMessages,
  type StoredApplication,
  type SyncContext,
  type SyncHookResult,
} from '@internal/argocd-stand-in';
import {
  kustomize,
  type KubernetesStandIn,
} from '@internal/kubernetes-stand-in';

const run = promisify(execFile);

/** Built-in cluster-scoped kinds (what kubectl learns from discovery); all others are namespaced. */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'apiregistration.k8s.io/APIService',
]);
const isNamespaced = (group: string, kind: string) =>
  !CLUSTER_SCOPED.has(`${group}/${kind}`);

export interface GitOpsSyncOptions {
  /** Receives the manifests, like a cluster Argo CD deploys to. */
  kubernetes: Pick<KubernetesStandIn, 'apply'>;
  /** Credentials for Git hosts, by origin (`http://localhost:3300`). */
  gitCredentials?: Record<string, { username: string; password: string }>;
  log?: (line: string) => void;
}

/**
 * What Argo CD does on sync, for the stand-ins: clone the Application's
 * repository at its target revision, render its path with `kubectl
 * kustomize`, check it against the Application's AppProject (kinds and
 * namespaces, as Argo CD does before applying), and apply the result to the
 * (stand-in) cluster, pruning what the repository no longer has. Failures
 * become Argo CD sync errors.
 */
export function createGitOpsSync(options: GitOpsSyncOptions) {
  return async (
    app: StoredApplication,
    context?: SyncContext,
  ): Promise<SyncHookResult> => {
    const {
      repoURL,
      path: appPath = '.',
      targetRevision = 'HEAD',
    } = app.spec.source ??
    ({} as NonNullable<StoredApplication['spec']['source']>);
    const namespace = app.spec.destination?.namespace ?? 'default';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-sync-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
      };
      const credentials = options.gitCredentials?.[new URL(repoURL).origin];
      if (credentials) {
        // Passed as a header through the environment: never in argv or a URL.
        const basic = Buffer.from(
          `${credentials.username}:${credentials.password}`,
        ).toString('base64');
        Object.assign(env, {
          GIT_CONFIG_COUNT: '1',
          GIT_CONFIG_KEY_0: 'http.extraHeader',
          GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
        });
      }
      const clone = ['clone', '--quiet', '--depth', '1'];
      if (targetRevision !== 'HEAD') clone.push('--branch', targetRevision);
      try {
        await run('git', [...clone, repoURL, dir], { env });
      } catch (error: any) {
        return {
          error: `rpc error: code = Unknown desc = failed to clone ${repoURL} at ${targetRevision}: ${String(
            error.stderr || error.message,
          ).trim()}`,
        };
      }
      const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: dir });
      const revision = stdout.trim();
      const target = path.resolve(dir, appPath);
      if (!target.startsWith(dir) || !fs.existsSync(target)) {
        return { revision, error: `app path does not exist: ${appPath}` };
      }
      let objects: object[];
      try {
        objects = await kustomize(target);
      } catch (error: any) {
        return {
          revision,
          error: `kustomize build ${appPath} failed: ${error.message}`,
        };
      }
      const refused = context?.check(objects as any, isNamespaced) ?? [];
      if (refused.length > 0) {
        options.log?.(
          `sync of ${app.metadata.name} refused by project ${
            app.spec.project
          }: ${refused.map(r => r.message).join('; ')}`,
        );
        return {
          revision,
          error: argoCdMessages.syncTasksNotValid,
          resources: refused,
        };
      }
      try {
        await options.kubernetes.apply(objects, app.metadata.name, {
          namespace,
          prune: Boolean(app.spec.syncPolicy?.automated?.prune),
        });
      } catch (error: any) {
        return { revision, error: `apply failed: ${error.message}` };
      }
      options.log?.(
        `synced ${app.metadata.name}: ${
          objects.length
        } objects from ${repoURL}@${revision.slice(
          0,
          7,
        )}/${appPath} into ${namespace}`,
      );
      return { revision };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
