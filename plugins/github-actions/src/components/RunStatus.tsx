/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { CiRun } from '@internal/plugin-github-actions-common';

/** A run's state in words, with Backstage's status colours. */
export function RunStatus({
  run,
}: {
  run: Pick<CiRun, 'status' | 'conclusion'>;
}) {
  if (run.status !== 'completed') {
    return run.status === 'in_progress' ? (
      <StatusRunning>In progress</StatusRunning>
    ) : (
      <StatusPending>Queued</StatusPending>
    );
  }
  switch (run.conclusion) {
    case 'success':
      return <StatusOK>Success</StatusOK>;
    case 'failure':
    case 'startup_failure':
      return <StatusError>Failure</StatusError>;
    case 'timed_out':
      return <StatusError>Timed out</StatusError>;
    case 'cancelled':
      return <StatusAborted>Cancelled</StatusAborted>;
    case 'skipped':
    case 'neutral':
      return <StatusAborted>Skipped</StatusAborted>;
    default:
      return <StatusWarning>{run.conclusion ?? 'Unknown'}</StatusWarning>;
  }
}
