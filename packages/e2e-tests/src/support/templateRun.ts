/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';

export interface TemplateRun {
  taskId: string;
  /** The service's (and repository's) name. */
  name: string;
  status: string;
  ms: number;
}

/**
 * Runs the FastAPI template through the scaffolder API as a signed-in user
 * (used by the benchmark and the operability tests),
 * from the POST that creates the task until the task reports `completed`
 * (every step: skeleton, GitHub repository, catalog registration, Argo CD
 * Application and waiting for it to be Synced and Healthy).
 */
export async function runFastApiTemplate(options: {
  baseUrl: string;
  token: string;
  githubHost: string;
  owner: string;
  system: string;
  /** The service's name starts with it (default `bench-svc`). */
  namePrefix?: string;
  timeoutMs?: number;
}): Promise<TemplateRun> {
  const name = `${options.namePrefix ?? 'bench-svc'}-${randomBytes(3).toString(
    'hex',
  )}`;
  const headers = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json',
  };
  const started = Date.now();
  const created = await fetch(`${options.baseUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/fastapi-service',
      values: {
        name,
        description: 'A service made by a test',
        owner: options.owner,
        system: options.system,
        pythonVersion: '3.12',
        repoUrl: `${options.githubHost}?owner=launchpad-demo&repo=${name}`,
        visibility: 'private',
        namespace: `${options.owner.split('/').pop()}-${name}`,
        imageRepository: `123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${name}`,
        replicas: 2,
        ingressScheme: 'internal',
        waitForSync: true,
      },
    }),
  });
  if (created.status !== 201) {
    throw new Error(
      `creating the task answered ${created.status}: ${await created.text()}`,
    );
  }
  const { id } = (await created.json()) as { id: string };
  const deadline = started + (options.timeoutMs ?? 300_000);
  for (;;) {
    const res = await fetch(
      `${options.baseUrl}/api/scaffolder/v2/tasks/${id}`,
      { headers },
    );
    const task = (await res.json()) as { status: string };
    if (['completed', 'failed', 'cancelled'].includes(task.status)) {
      const ms = Date.now() - started;
      if (task.status !== 'completed') {
        const events = await fetch(
          `${options.baseUrl}/api/scaffolder/v2/tasks/${id}/events`,
          { headers },
        ).then(r => r.json() as Promise<any[]>);
        // The failing step's error, or else the last messages.
        const failures = events
          .map(e => e.body?.error?.message)
          .filter(Boolean);
        const last = (
          failures.length
            ? failures
            : events
                .map(e => e.body?.message)
                .filter(Boolean)
                .slice(-3)
        ).join(' | ');
        throw new Error(
          `template task ${id} ${task.status} after ${ms} ms: ${last}`,
        );
      }
      return { taskId: id, name, status: task.status, ms };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `template task ${id} still ${task.status} after ${
          Date.now() - started
        } ms`,
      );
    }
    await new Promise(r => setTimeout(r, 200));
  }
}
