/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Jobs: pods that run to completion, and the Complete condition.

import { StoredEntry } from '../store';
import { now, randomSuffix, withCondition } from '../objects';
import { ControllerContext, podsOf } from './context';
import { createPod } from './pods';

export function reconcileJob(ctx: ControllerContext, entry: StoredEntry) {
  const job = entry.object;
  const completions = job.spec?.completions ?? 1;
  const labels = {
    'batch.kubernetes.io/controller-uid': job.metadata.uid!,
    'batch.kubernetes.io/job-name': job.metadata.name,
    'controller-uid': job.metadata.uid!,
    'job-name': job.metadata.name,
  };
  let pods = podsOf(ctx, job);
  for (let i = pods.length; i < completions; i++) {
    const name = `${job.metadata.name}-${randomSuffix()}`;
    createPod(
      ctx,
      job,
      entry.source,
      name,
      job.spec.template ?? {},
      {
        ...labels,
        'batch.kubernetes.io/job-completion-index': String(i),
      },
      undefined,
      true,
    );
    ctx.event(
      job,
      'SuccessfulCreate',
      `Created pod: ${name}`,
      'job-controller',
      'Normal',
      entry.source,
    );
  }
  pods = podsOf(ctx, job);
  const succeeded = pods.filter(
    p => p.object.status?.phase === 'Succeeded',
  ).length;
  const failed = pods.filter(p => p.object.status?.phase === 'Failed').length;
  ctx.update(entry, o => {
    const start = o.status?.startTime ?? now();
    const complete = succeeded >= completions;
    let conditions = o.status?.conditions;
    if (complete) {
      conditions = withCondition(conditions, {
        type: 'SuccessCriteriaMet',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: undefined,
      });
      conditions = withCondition(conditions, {
        type: 'Complete',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      });
    }
    o.status = {
      startTime: start,
      ...(complete && { completionTime: o.status?.completionTime ?? now() }),
      ...(succeeded && { succeeded }),
      ...(failed && { failed }),
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
      ...(conditions && { conditions }),
    };
  });
}
