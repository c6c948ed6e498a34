/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  homepage: string | null;
  visibility: 'public' | 'private' | 'internal';
  topics: string[];
  /** The branch reported while the repository is still empty. */
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
  pushedAt: string | null;
  hasIssues: boolean;
  hasProjects: boolean;
  hasWiki: boolean;
  allowSquashMerge: boolean;
  allowMergeCommit: boolean;
  allowRebaseMerge: boolean;
  allowAutoMerge: boolean;
  deleteBranchOnMerge: boolean;
  /** Team slug -> permission. */
  teams: Record<string, string>;
  /** Login -> permission. */
  collaborators: Record<string, string>;
  /** Branch -> the protection settings as GitHub would answer them. */
  protections: Record<string, any>;
  /** Commit sha -> statuses, newest last. */
  statuses: Record<string, StatusRecord[]>;
}

export interface StatusRecord {
  id: number;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface TokenRecord {
  /** sha256 of the token; the token itself is never stored. */
  hash: string;
  login: string;
  clientId: string;
  scopes: string[];
  createdAt: string;
  /** ISO time, absent for tokens that do not expire (GitHub's default). */
  expiresAt?: string;
  revoked?: boolean;
}

export interface StateData {
  version: 1;
  nextId: number;
  repos: RepoRecord[];
  tokens: TokenRecord[];
}

/** The JSON state file in the data directory. Writes are atomic. */
export class StateStore {
  readonly file: string;
  data: StateData;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'state.json');
    this.data = existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, 'utf8')) as StateData)
      : { version: 1, nextId: 600000, repos: [], tokens: [] };
  }

  nextId() {
    this.data.nextId += 1;
    return this.data.nextId;
  }

  save() {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(tmp, this.file);
  }

  findRepo(owner: string, name: string): RepoRecord | undefined {
    const o = owner.toLowerCase();
    const n = name.toLowerCase();
    return this.data.repos.find(
      r => r.owner.toLowerCase() === o && r.name.toLowerCase() === n,
    );
  }
}
