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

/** One recorded workflow run (the stand-in never executes it). */
export interface RunRecord {
  id: number;
  workflowId: number;
  /** `.github/workflows/ci.yaml` */
  workflowPath: string;
  /** The workflow's `name:` (or its path). */
  name: string;
  runNumber: number;
  event: 'push';
  headBranch: string;
  headSha: string;
  /** For a push: the first line of the head commit's message. */
  displayTitle: string;
  /** Login of the user who pushed. */
  actor: string;
  createdAt: string;
  /** How long the run reports `in_progress` before it is `completed`. */
  durationMs: number;
  conclusion: 'success' | 'failure';
  headCommit: {
    id: string;
    treeId: string;
    message: string;
    timestamp: string;
    author: { name: string; email: string };
    committer: { name: string; email: string };
  };
}

export interface WorkflowRecord {
  id: number;
  path: string;
  name: string;
  createdAt: string;
}

interface RepoActions {
  workflows: WorkflowRecord[];
  runs: RunRecord[];
}

interface ActionsData {
  version: 1;
  nextId: number;
  /** By repository id, so a renamed repository keeps its runs. */
  repos: Record<string, RepoActions>;
}

/** `actions.json` in the stand-in's data directory. Writes are atomic. */
export class ActionsStore {
  readonly file: string;
  private readonly data: ActionsData;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'actions.json');
    this.data = existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, 'utf8')) as ActionsData)
      : { version: 1, nextId: 7_000_000, repos: {} };
  }

  private repo(repoId: number): RepoActions {
    const key = String(repoId);
    this.data.repos[key] ??= { workflows: [], runs: [] };
    return this.data.repos[key];
  }

  private nextId() {
    this.data.nextId += 1;
    return this.data.nextId;
  }

  /** The workflow for a path, created (with a new id) on first sight. */
  workflow(repoId: number, path: string, name: string, now: string) {
    const repo = this.repo(repoId);
    let wf = repo.workflows.find(w => w.path === path);
    if (!wf) {
      wf = { id: this.nextId(), path, name, createdAt: now };
      repo.workflows.push(wf);
    }
    wf.name = name;
    return wf;
  }

  addRun(repoId: number, run: Omit<RunRecord, 'id' | 'runNumber'>): RunRecord {
    const repo = this.repo(repoId);
    const runNumber =
      repo.runs.filter(r => r.workflowId === run.workflowId).length + 1;
    const record: RunRecord = { ...run, id: this.nextId(), runNumber };
    repo.runs.push(record);
    return record;
  }

  /** Runs of a repository, newest first. */
  runs(repoId: number): RunRecord[] {
    const runs = this.data.repos[String(repoId)]?.runs ?? [];
    return [...runs].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
    );
  }

  workflows(repoId: number): WorkflowRecord[] {
    return this.data.repos[String(repoId)]?.workflows ?? [];
  }

  save() {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}
