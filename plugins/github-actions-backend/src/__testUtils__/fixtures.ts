/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Entity } from '@backstage/catalog-model';

export function component(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-shop' },
  };
}

/** A `workflow-run` as GitHub's REST API returns it (fields the card reads, and some it must drop). */
export function workflowRun(
  overrides: Partial<Record<string, unknown>> = {},
  repo = 'https://ghe.example.test/acme/shop-api',
) {
  const id = (overrides.id as number) ?? 30433642;
  return {
    id,
    name: 'ci',
    node_id: 'MDExOldvcmtmbG93UnVuMzA0MzM2NDI=',
    head_branch: 'trunk',
    head_sha: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    path: '.github/workflows/ci.yaml',
    display_title: 'Initial commit from the Launchpad portal',
    run_number: 1,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    workflow_id: 159038,
    html_url: `${repo}/actions/runs/${id}`,
    created_at: '2026-12-01T10:00:00Z',
    updated_at: '2026-12-01T10:03:10Z',
    actor: { login: 'minji-park', id: 1001, type: 'User' },
    head_commit: {
      id: '8f3c2e1d9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
      tree_id: 'aa11bb22',
      message:
        'Initial commit from the Launchpad portal\n\nRendered by the template.',
      timestamp: '2026-12-01T09:59:58Z',
      author: {
        name: 'Launchpad',
        email: 'launchpad@users.noreply.github.com',
      },
      committer: {
        name: 'Launchpad',
        email: 'launchpad@users.noreply.github.com',
      },
    },
    repository: { full_name: 'acme/shop-api', private: true },
    ...overrides,
  };
}
