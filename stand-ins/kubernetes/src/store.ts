/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * The stand-in's object store: every object with its resource type and the
 * source (e.g. an Argo CD Application) that applied it, persisted as one JSON
 * file so a restart keeps the cluster's state.
 */

import fs from 'node:fs';
import path from 'node:path';
import { BUILTIN_RESOURCES, ResourceType } from './resources';

/** A Kubernetes object as stored and served. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
      blockOwnerDeletion?: boolean;
    }>;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

export interface StoredEntry {
  type: ResourceType;
  object: KubeObject;
  /** Who applied it (`apply(objects, source)`); controller-made objects inherit their owner's. */
  source?: string;
}

interface PersistedState {
  version: 1;
  resourceVersion: number;
  customTypes: ResourceType[];
  entries: StoredEntry[];
}

const STATE_FILE = 'state.json';

function keyOf(
  type: ResourceType,
  namespace: string | undefined,
  name: string,
) {
  return `${type.group}/${type.plural}/${namespace ?? ''}/${name}`;
}

export class ObjectStore {
  private readonly entries = new Map<string, StoredEntry>();
  private resourceVersion = 0;
  readonly customTypes: ResourceType[] = [];

  constructor(private readonly dataDir: string) {}

  /** Loads the persisted state, if any. */
  load() {
    const file = path.join(this.dataDir, STATE_FILE);
    if (!fs.existsSync(file)) return;
    const state: PersistedState = JSON.parse(fs.readFileSync(file, 'utf8'));
    this.resourceVersion = state.resourceVersion;
    this.customTypes.push(...state.customTypes);
    for (const entry of state.entries) {
      // Use the canonical type objects, so identity comparisons keep working.
      entry.type =
        [...BUILTIN_RESOURCES, ...this.customTypes].find(
          t =>
            t.group === entry.type.group &&
            t.version === entry.type.version &&
            t.plural === entry.type.plural,
        ) ?? entry.type;
      this.entries.set(
        keyOf(
          entry.type,
          entry.object.metadata.namespace,
          entry.object.metadata.name,
        ),
        entry,
      );
    }
  }

  /** Writes the state atomically (temporary file, then rename). */
  save() {
    fs.mkdirSync(this.dataDir, { recursive: true });
    const state: PersistedState = {
      version: 1,
      resourceVersion: this.resourceVersion,
      customTypes: this.customTypes,
      entries: [...this.entries.values()],
    };
    const file = path.join(this.dataDir, STATE_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  }

  currentResourceVersion() {
    return String(this.resourceVersion);
  }

  get(type: ResourceType, namespace: string | undefined, name: string) {
    return this.entries.get(keyOf(type, namespace, name));
  }

  /** Entries of a type, optionally in one namespace, sorted like the API server (namespace, name). */
  list(type: ResourceType, namespace?: string): StoredEntry[] {
    return [...this.entries.values()]
      .filter(
        e =>
          e.type.group === type.group &&
          e.type.plural === type.plural &&
          (namespace === undefined ||
            e.object.metadata.namespace === namespace),
      )
      .sort((a, b) =>
        `${a.object.metadata.namespace ?? ''}/${
          a.object.metadata.name
        }`.localeCompare(
          `${b.object.metadata.namespace ?? ''}/${b.object.metadata.name}`,
        ),
      );
  }

  all(): StoredEntry[] {
    return [...this.entries.values()];
  }

  /** Stores an object and gives it the next resourceVersion. */
  put(type: ResourceType, object: KubeObject, source?: string) {
    this.resourceVersion += 1;
    object.metadata.resourceVersion = String(this.resourceVersion);
    this.entries.set(
      keyOf(type, object.metadata.namespace, object.metadata.name),
      {
        type,
        object,
        source,
      },
    );
  }

  delete(type: ResourceType, namespace: string | undefined, name: string) {
    this.resourceVersion += 1;
    return this.entries.delete(keyOf(type, namespace, name));
  }

  /** Entries whose controller owner is the given object. */
  ownedBy(uid: string): StoredEntry[] {
    return this.all().filter(e =>
      e.object.metadata.ownerReferences?.some(o => o.uid === uid),
    );
  }

  rememberCustomType(type: ResourceType) {
    if (
      !this.customTypes.some(
        t =>
          t.group === type.group &&
          t.version === type.version &&
          t.plural === type.plural,
      )
    ) {
      this.customTypes.push(type);
    }
  }
}
