/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type {
  StoredApplication,
  SyncHookResult,
} from '@internal/argocd-stand-in';
import {
  kustomize,
  type KubernetesStandIn,
} from '@internal/kubernetes-stand-in';

const run = promisify(execFile);

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
 * kustomize`, and apply the result to the (stand-in) cluster, pruning what
 * the repository no longer has. Failures become Argo CD sync errors.
 */
export function createGitOpsSync(options: GitOpsSyncOptions) {
  return async (app: StoredApplication): Promise<SyncHookResult> => {
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
