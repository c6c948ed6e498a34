/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { format, Format, TransformableInfo } from 'logform';

const LEVEL = Symbol.for('level');

/**
 * Error lines that Backstage logs for a situation it has already handled,
 * each matched exactly and written as a warning instead, with a `note`
 * saying why. Operators alert on error lines; these would page someone for
 * a run that succeeded.
 *
 * - `plugin-scaffolder-backend` 4.2.0 (`TaskManager`): the task's 1 s
 *   heartbeat timer is cleared only after `complete()` has written the final
 *   status, so a heartbeat that fires while that write is in flight finds
 *   "No running task" and is logged as an error, although the run completed
 *   (the same line follows when another replica recovered the task, and the
 *   worker then stops, as it should). Seen in `e2e-tests/src/scale`.
 */
const FALSE_ALARMS: Array<{
  plugin: string;
  errorName: string;
  message: RegExp;
  note: string;
}> = [
  {
    plugin: 'scaffolder',
    errorName: 'ConflictError',
    message:
      /^Heartbeat for task [0-9a-f-]+ failed:? ?No running task with taskId [0-9a-f-]+ found$/,
    note: "a heartbeat that raced the task's completion (or its recovery by another replica); the task itself was not affected",
  },
];

function reclassify(info: TransformableInfo): TransformableInfo {
  if (info.level !== 'error') return info;
  const alarm = FALSE_ALARMS.find(
    a =>
      info.plugin === a.plugin &&
      info.name === a.errorName &&
      a.message.test(String(info.message)),
  );
  if (!alarm) return info;
  info.level = 'warn';
  (info as Record<symbol, unknown>)[LEVEL] = 'warn';
  info.note = alarm.note;
  return info;
}

/** A winston format that writes the known upstream false alarms above as warnings. */
export function upstreamFalseAlarms(): Format {
  return format(reclassify)();
}
