/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * One GitHub Actions workflow run, as the CI card shows it.
 *
 * @public
 */
export interface CiRun {
  id: number;
  /** The workflow's name (`name:` of the workflow file). */
  workflowName: string;
  /** `#12` of the workflow. */
  runNumber: number;
  /** `push`, `workflow_dispatch`, ... */
  event: string;
  /** `queued`, `in_progress`, `completed`, ... (`null` when GitHub has none). */
  status: string | null;
  /** `success`, `failure`, `cancelled`, ... once completed. */
  conclusion: string | null;
  branch: string | null;
  /** The run's title: for a push, the head commit's first line. */
  title: string;
  commit: {
    sha: string;
    /** First line of the head commit's message. */
    message: string;
    /** The commit on GitHub. */
    url: string;
  };
  /** Login of who triggered the run. */
  actor?: string;
  createdAt: string;
  updatedAt: string;
  /** The run on GitHub. */
  url: string;
}

/**
 * What `GET /api/github-actions/entities/:namespace/:kind/:name/runs`
 * answers: the latest runs of the repository's default branch.
 *
 * @public
 */
export interface CiRunsResponse {
  repository: {
    /** `owner/repo` */
    slug: string;
    /** The repository on GitHub. */
    url: string;
    defaultBranch: string;
    /** Its Actions page on GitHub. */
    actionsUrl: string;
  };
  /** Newest first. */
  runs: CiRun[];
  /** How many runs the branch has in all (GitHub's `total_count`). */
  totalCount: number;
  /** When the backend asked GitHub (ISO 8601). */
  fetchedAt: string;
}
