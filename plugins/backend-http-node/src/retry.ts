/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { setTimeout as wait } from 'node:timers/promises';

/** What a failed HTTP call said, as far as retrying is concerned. */
export type HttpFailure =
  | {
      kind: 'status';
      status: number;
      /** From a `Retry-After` header (seconds or an HTTP date), if any. */
      retryAfterMs?: number;
    }
  | { kind: 'network'; message: string };

/** One retry about to happen: after `attempt` failed, wait `delayMs`. */
export interface RetryEvent {
  error: unknown;
  /** `undefined` when the error is not an HTTP failure (custom `isRetryable`). */
  failure?: HttpFailure;
  /** The attempt that failed, from 1. */
  attempt: number;
  attempts: number;
  delayMs: number;
}

export interface RetryOptions {
  /** Total attempts, including the first. Default 3. */
  attempts?: number;
  /** Wait before the first retry; doubles on each further retry. Default 1000 ms. */
  initialDelayMs?: number;
  /**
   * Upper bound of any wait, default 30 s. A `Retry-After` longer than this
   * is not waited for: the last error is thrown at once.
   */
  maxDelayMs?: number;
  /**
   * Aborting it stops everything at once: the running attempt (pass the
   * signal on to `fetch` or Octokit as well), the wait between attempts, and
   * any further attempt. The promise then rejects with `signal.reason`.
   */
  signal?: AbortSignal;
  /** Which errors are worth another attempt. Default: {@link isRetryableHttpFailure}. */
  isRetryable?: (error: unknown, failure?: HttpFailure) => boolean;
  /** Called before each wait, e.g. to log "retrying (attempt 2 of 3)". */
  onRetry?: (event: RetryEvent) => void;
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const value = (headers as Record<string, unknown>)[name];
  return value === undefined || value === null ? undefined : String(value);
}

function retryAfterMs(headers: unknown): number | undefined {
  const value = headerOf(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Reads a thrown error as an HTTP failure:
 *
 * - an error with a numeric `status` and a `response` (Octokit's
 *   `RequestError`, or any error shaped like it) is an answer with that
 *   status; `response.headers` may be a `Headers` or a plain object;
 * - Octokit's `RequestError` with status 500 and no `response` is how
 *   `@octokit/request` reports a request that got no answer: a network error;
 * - a `TypeError` (what `fetch` throws when it gets no answer) is a network
 *   error, named by its `cause` when it has one.
 *
 * Anything else (aborts and timeouts included) is not an HTTP failure.
 */
export function httpFailureOf(error: unknown): HttpFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, response } = error as Error & {
    status?: unknown;
    response?: { headers?: unknown };
  };
  if (typeof status === 'number') {
    if (response) {
      return {
        kind: 'status',
        status,
        retryAfterMs: retryAfterMs(response.headers),
      };
    }
    if (status === 500 && error.name === 'HttpError') {
      return { kind: 'network', message: error.message };
    }
    return { kind: 'status', status };
  }
  if (error.name === 'TypeError') {
    const cause = (error as Error & { cause?: unknown }).cause;
    return {
      kind: 'network',
      message: cause instanceof Error ? cause.message : error.message,
    };
  }
  return undefined;
}

/** `HTTP 502` or `network error: <message>`, for logs and error messages. */
export function describeHttpFailure(failure: HttpFailure): string {
  return failure.kind === 'status'
    ? `HTTP ${failure.status}`
    : `network error: ${failure.message}`;
}

/**
 * Network errors, 5xx, and 429 with a `Retry-After` are worth another
 * attempt; nothing else is. A 429 without `Retry-After` (GitHub's exhausted
 * primary rate limit, which resets within the hour) is not: retrying it in
 * seconds only spends attempts.
 */
export function isRetryableHttpFailure(
  _error: unknown,
  failure?: HttpFailure,
): boolean {
  if (!failure) return false;
  if (failure.kind === 'network') return true;
  if (failure.status === 429) return failure.retryAfterMs !== undefined;
  return failure.status >= 500;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
/**
 * Waits `ms` milliseconds; rejects at once with `signal.reason` when the
 * signal aborts (also one that is already aborted).
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await wait(ms, undefined, { signal });
  } catch (error) {
    // Node rejects with its own AbortError; the caller's reason is more useful.
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

/**
 * Runs `call` until it succeeds, at most `attempts` times, waiting
 * `initialDelayMs`, then twice as long, and so on (never longer than
 * `maxDelayMs`) between attempts; a `Retry-After` on the failure replaces
 * the computed wait. Only retryable failures are retried (default:
 * {@link isRetryableHttpFailure}); any other error, and the last attempt's error, is
 * thrown unchanged, so the caller words the message.
 */
export async function withRetry<T>(
  call: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const initialDelayMs = Math.max(0, options.initialDelayMs ?? 1000);
  const maxDelayMs = Math.max(0, options.maxDelayMs ?? 30_000);
  const isRetryable = options.isRetryable ?? isRetryableHttpFailure;
  const { signal } = options;

  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await call(attempt);
    } catch (error) {
      // An abort during the attempt is never a reason to try again.
      signal?.throwIfAborted();
      const failure = httpFailureOf(error);
      if (attempt >= attempts || !isRetryable(error, failure)) throw error;
      const backoffMs = Math.min(
        initialDelayMs * 2 ** (attempt - 1),
        maxDelayMs,
      );
      const retryAfter =
        failure?.kind === 'status' ? failure.retryAfterMs : undefined;
      if (retryAfter !== undefined && retryAfter > maxDelayMs) throw error;
      const delayMs = retryAfter ?? backoffMs;
      options.onRetry?.({ error, failure, attempt, attempts, delayMs });
      await sleep(delayMs, signal);
    }
  }
}
