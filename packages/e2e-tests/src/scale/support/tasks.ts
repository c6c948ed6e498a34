/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Page } from 'playwright-core';
import type { SignedInUser } from '@internal/test-support';

export interface TaskEvent {
  type: string;
  createdAt: string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    error?: { message?: string };
  };
}

/**
 * Starts the FastAPI template as `user` (a member of the platform team) for
 * that team: namespace `platform-<name>` and the team's Argo CD project
 * (launchpad.tenancy); the run waits for Argo CD's sync.
 */
export async function startFastApiRun(
  user: SignedInUser,
  githubHost: string,
  name: string,
): Promise<string> {
  const res = await user.fetch('/api/scaffolder/v2/tasks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      templateRef: 'template:default/fastapi-service',
      values: {
        name,
        description: 'Created by the three-replica test',
        owner: 'group:default/platform',
        system: 'system:default/developer-platform',
        pythonVersion: '3.12',
        repoUrl: `${githubHost}?owner=launchpad-demo&repo=${name}`,
        visibility: 'private',
        namespace: `platform-${name}`,
        imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
        replicas: 2,
        ingressScheme: 'internal',
        argocdProject: 'team-platform',
        cluster: 'eks',
        waitForSync: true,
      },
    }),
  });
  if (res.status !== 201)
    throw new Error(`starting ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function taskEvents(
  user: SignedInUser,
  id: string,
): Promise<TaskEvent[]> {
  const res = await user.fetch(`/api/scaffolder/v2/tasks/${id}/events`);
  if (!res.ok) throw new Error(`events of ${id}: ${res.status}`);
  return (await res.json()) as TaskEvent[];
}

export async function taskStatus(
  user: SignedInUser,
  id: string,
): Promise<string> {
  const res = await user.fetch(`/api/scaffolder/v2/tasks/${id}`);
  if (!res.ok) throw new Error(`task ${id}: ${res.status}`);
  return ((await res.json()) as { status: string }).status;
}

/** Step ids with a "completed" log event, in order. */
export function completedSteps(events: TaskEvent[]): string[] {
  return events
    .filter(
      e => e.type === 'log' && e.body.status === 'completed' && e.body.stepId,
    )
    .map(e => e.body.stepId!)
    .filter((s, i, all) => all.indexOf(s) === i);
}

export type StepState =
  | 'completed'
  | 'active'
  | 'failed'
  | 'skipped'
  | 'pending';

/**
 * What the task page shows for each step: its name and its icon
 * (scaffolder-react's StepIcon: a spinner while running, Material icons
 * CheckCircleOutline, ErrorOutline, RemoveCircleOutline or an empty circle).
 */
export async function pageStepStates(
  page: Page,
): Promise<Array<{ name: string; state: StepState }>> {
  return page.$$eval('[data-testid="step-label"]', labels =>
    labels.map(label => {
      const name = (label.textContent ?? '').trim();
      if (label.querySelector('[role="progressbar"]'))
        return { name, state: 'active' as const };
      const d = label.querySelector('svg path')?.getAttribute('d') ?? '';
      if (d.startsWith('M16.59 7.58'))
        return { name, state: 'completed' as const };
      if (d.startsWith('M11 15h2v2h-2z'))
        return { name, state: 'failed' as const };
      if (d.startsWith('M7 11v2h10v-2H7z'))
        return { name, state: 'skipped' as const };
      return { name, state: 'pending' as const };
    }),
  );
}
