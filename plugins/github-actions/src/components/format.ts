/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ResponseError } from '@backstage/errors';
import { DateTime } from 'luxon';

/** "5 minutes ago", with the exact local time for a title attribute. */
export function when(iso: string): { relative: string; exact: string } {
  const date = DateTime.fromISO(iso);
  if (!date.isValid) return { relative: iso, exact: iso };
  return {
    relative: date.toRelative() ?? iso,
    exact: date.toLocaleString(DateTime.DATETIME_FULL),
  };
}

/** The first 7 characters of a commit SHA. */
export function shortSha(sha: string) {
  return sha.slice(0, 7);
}

/** The heading and the backend's message for a failed read. */
export function describeError(error: Error): {
  title: string;
  message: string;
} {
  if (error.name === 'ResponseError') {
    const { statusCode, body } = error as ResponseError;
    const message = body?.error?.message || error.message;
    if (statusCode === 404 || statusCode === 400) {
      return { title: 'No CI runs', message };
    }
    if (statusCode === 401 || statusCode === 403) {
      return { title: 'Not allowed', message };
    }
    return { title: 'GitHub unavailable', message };
  }
  return {
    title: 'GitHub unavailable',
    message: `Could not reach the portal backend: ${error.message}`,
  };
}
