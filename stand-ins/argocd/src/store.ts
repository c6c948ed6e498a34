/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * File-backed storage of Applications: one JSON file per Application in
 * `<dataDir>/applications/`, written atomically, so a restarted stand-in
 * serves what an earlier run created.
 */

import fs from 'node:fs';
import path from 'node:path';

/** An Argo CD Application as the API returns it (only the fields used here are typed). */
export interface StoredApplication {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    [key: string]: unknown;
  };
  spec: {
    project: string;
    destination: { server?: string; name?: string; namespace?: string };
    source?: {
      repoURL: string;
      path?: string;
      targetRevision?: string;
      [key: string]: unknown;
    };
    syncPolicy?: {
      automated?: { prune?: boolean; selfHeal?: boolean; enabled?: boolean };
      syncOptions?: string[];
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
  status?: {
    sync?: { status: string; revision?: string; comparedTo?: unknown };
    health?: { status: string; message?: string; lastTransitionTime?: string };
    operationState?: {
      phase: string;
      message?: string;
      startedAt: string;
      finishedAt?: string;
      operation: unknown;
      syncResult?: unknown;
    };
    conditions?: Array<{
      type: string;
      message: string;
      lastTransitionTime?: string;
    }>;
    /** Successful syncs, oldest first (`v1alpha1RevisionHistory`). */
    history?: Array<{
      id: number;
      revision: string;
      source?: unknown;
      deployStartedAt: string;
      deployedAt: string;
      initiatedBy?: unknown;
    }>;
    reconciledAt?: string;
    [key: string]: unknown;
  };
  operation?: unknown;
}

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export class ApplicationStore {
  private readonly dir: string;
  private readonly apps = new Map<string, StoredApplication>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'applications');
    fs.mkdirSync(this.dir, { recursive: true });
    for (const file of fs.readdirSync(this.dir)) {
      if (!file.endsWith('.json')) continue;
      const app = JSON.parse(
        fs.readFileSync(path.join(this.dir, file), 'utf8'),
      ) as StoredApplication;
      this.apps.set(app.metadata.name, app);
    }
  }

  list(): StoredApplication[] {
    return [...this.apps.values()].map(clone);
  }

  get(name: string): StoredApplication | undefined {
    const app = this.apps.get(name);
    return app ? clone(app) : undefined;
  }

  put(app: StoredApplication): void {
    const name = app.metadata.name;
    if (!NAME_PATTERN.test(name)) {
      // Names are validated before this point; this guards the file path.
      throw new Error(`refusing to store application with name ${name}`);
    }
    const file = path.join(this.dir, `${name}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(app, null, 2));
    fs.renameSync(tmp, file);
    this.apps.set(name, clone(app));
  }

  /**
   * Stores a new version of an Application: its `resourceVersion` counts up
   * from the stored one's, as the Kubernetes API server's does on a write.
   */
  save(app: StoredApplication): void {
    const previous = this.apps.get(app.metadata.name);
    const version = Number(previous?.metadata.resourceVersion ?? '0') + 1;
    app.metadata.resourceVersion = String(version);
    this.put(app);
  }

  delete(name: string): boolean {
    if (!this.apps.delete(name)) return false;
    fs.rmSync(path.join(this.dir, `${name}.json`), { force: true });
    return true;
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
