/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { CiRun, CiRunsResponse } from '@internal/plugin-github-actions-common';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-demo',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'launchpad-demo/orders-demo' },
  },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'platform' },
};

const REPO = 'https://github.example.test/launchpad-demo/orders-demo';
const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();

export function run(overrides: Partial<CiRun> = {}): CiRun {
  const id = overrides.id ?? 7000001;
  return {
    id,
    workflowName: 'ci',
    runNumber: 1,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    branch: 'main',
    title: 'Initial commit from the Launchpad portal',
    commit: {
      sha: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
      message: 'Initial commit from the Launchpad portal',
      url: `${REPO}/commit/8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d`,
    },
    actor: 'minji-park',
    createdAt: minutesAgo(12),
    updatedAt: minutesAgo(9),
    url: `${REPO}/actions/runs/${id}`,
    ...overrides,
  };
}

export function runs(list: CiRun[] = [run()]): CiRunsResponse {
  return {
    repository: {
      slug: 'launchpad-demo/orders-demo',
      url: REPO,
      defaultBranch: 'main',
      actionsUrl: `${REPO}/actions`,
    },
    runs: list,
    totalCount: list.length,
    fetchedAt: new Date().toISOString(),
  };
}

/** The error the client throws for a backend answer. */
export function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}
