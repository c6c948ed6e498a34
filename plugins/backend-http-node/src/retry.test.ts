/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  describeHttpFailure,
  httpFailureOf,
  RetryEvent,
  withRetry,
} from './retry';

/** Shaped like Octokit's RequestError for an answered request. */
function answered(status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP ${status}`), {
    name: 'HttpError',
    status,
    response: { status, headers, data: {} },
  });
}

/** What `fetch` throws when nothing answers. */
function unreachable() {
  return new TypeError('fetch failed', {
    cause: new Error('connect ECONNREFUSED 127.0.0.1:9'),
  });
}

/** A call that fails with the given errors in turn, then returns 'ok'. */
function failing(...errors: Error[]) {
  const call = jest.fn(async (_attempt: number) => {
    const error = errors.shift();
    if (error) throw error;
    return 'ok';
  });
  return call;
}

describe('withRetry', () => {
  it('retries network errors and 5xx with doubling waits, then returns the answer', async () => {
    const call = failing(unreachable(), answered(502), answered(503));
    const events: RetryEvent[] = [];
    await expect(
      withRetry(call, {
        attempts: 4,
        initialDelayMs: 5,
        onRetry: e => events.push(e),
      }),
    ).resolves.toBe('ok');
    expect(call.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3, 4]);
    expect(
      events.map(e => [
        e.attempt,
        e.delayMs,
        e.failure && describeHttpFailure(e.failure),
      ]),
    ).toEqual([
      [1, 5, 'network error: connect ECONNREFUSED 127.0.0.1:9'],
      [2, 10, 'HTTP 502'],
      [3, 20, 'HTTP 503'],
    ]);
  });

  it('throws the last error unchanged after the last attempt', async () => {
    const last = answered(503);
    const call = failing(answered(500), answered(502), last);
    await expect(
      withRetry(call, { attempts: 3, initialDelayMs: 1 }),
    ).rejects.toBe(last);
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('does not retry other answers or errors that are not HTTP failures', async () => {
    for (const error of [
      answered(404),
      answered(403, { 'x-ratelimit-remaining': '0' }),
      answered(401),
      answered(429, { 'x-ratelimit-remaining': '0' }),
      new Error('a bug'),
    ]) {
      const call = failing(error);
      await expect(
        withRetry(call, { attempts: 3, initialDelayMs: 1 }),
      ).rejects.toBe(error);
      expect(call).toHaveBeenCalledTimes(1);
    }
  });

  it('waits as long as a 429 Retry-After says, in seconds or as a date', async () => {
    const events: RetryEvent[] = [];
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    const call = failing(
      answered(429, { 'retry-after': '0' }),
      answered(429, { 'retry-after': inTwoSeconds }),
    );
    const started = Date.now();
    await expect(
      withRetry(call, {
        attempts: 3,
        initialDelayMs: 1,
        onRetry: e => events.push(e),
      }),
    ).resolves.toBe('ok');
    expect(events[0].delayMs).toBe(0);
    // HTTP dates have whole seconds: between 1 and 2 s from now.
    expect(events[1].delayMs).toBeGreaterThan(900);
    expect(events[1].delayMs).toBeLessThanOrEqual(2000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(events[1].delayMs - 5);
  });

  it('gives up at once when Retry-After asks for longer than maxDelayMs', async () => {
    const error = answered(429, { 'retry-after': '3600' });
    const call = failing(error);
    const onRetry = jest.fn();
    await expect(
      withRetry(call, { attempts: 3, maxDelayMs: 10_000, onRetry }),
    ).rejects.toBe(error);
    expect(call).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('never waits longer than maxDelayMs between attempts', async () => {
    const events: RetryEvent[] = [];
    await withRetry(failing(answered(500), answered(500), answered(500)), {
      attempts: 4,
      initialDelayMs: 4,
      maxDelayMs: 10,
      onRetry: e => events.push(e),
    });
    expect(events.map(e => e.delayMs)).toEqual([4, 8, 10]);
  });

  it('stops waiting at once when the signal aborts during the backoff', async () => {
    const controller = new AbortController();
    const reason = new Error('task cancelled');
    const call = failing(answered(503), answered(503));
    const started = Date.now();
    const result = withRetry(call, {
      attempts: 3,
      // An hour: only an abort that wakes the wait lets this test finish.
      initialDelayMs: 3_600_000,
      maxDelayMs: 3_600_000,
      signal: controller.signal,
      onRetry: () => setTimeout(() => controller.abort(reason), 20),
    });
    await expect(result).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('does not retry a failure caused by an abort during the attempt', async () => {
    const controller = new AbortController();
    const call = jest.fn(
      (_attempt: number) =>
        new Promise<string>((_resolve, reject) => {
          // What fetch does when its signal aborts mid-request.
          controller.signal.addEventListener('abort', () =>
            reject(new TypeError('terminated')),
          );
          setTimeout(() => controller.abort(), 10);
        }),
    );
    const error = await withRetry(call, {
      attempts: 3,
      initialDelayMs: 1,
      signal: controller.signal,
    }).catch(e => e);
    expect(error.name).toBe('AbortError');
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('makes no attempt when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const call = failing();
    await expect(
      withRetry(call, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(call).not.toHaveBeenCalled();
  });
});

describe('httpFailureOf', () => {
  it('reads answers, network errors and everything else', () => {
    expect(httpFailureOf(answered(503, { 'retry-after': '7' }))).toEqual({
      kind: 'status',
      status: 503,
      retryAfterMs: 7000,
    });
    const fetchHeaders = Object.assign(new Error('x'), {
      status: 429,
      response: { headers: new Headers({ 'Retry-After': '2' }) },
    });
    expect(httpFailureOf(fetchHeaders)).toEqual({
      kind: 'status',
      status: 429,
      retryAfterMs: 2000,
    });
    // @octokit/request: a request without an answer is a RequestError 500 without response.
    const octokitNetwork = Object.assign(new Error('getaddrinfo ENOTFOUND'), {
      name: 'HttpError',
      status: 500,
    });
    expect(httpFailureOf(octokitNetwork)).toEqual({
      kind: 'network',
      message: 'getaddrinfo ENOTFOUND',
    });
    expect(httpFailureOf(unreachable())).toEqual({
      kind: 'network',
      message: 'connect ECONNREFUSED 127.0.0.1:9',
    });
    expect(
      httpFailureOf(new DOMException('aborted', 'AbortError')),
    ).toBeUndefined();
    expect(httpFailureOf(new Error('a bug'))).toBeUndefined();
    expect(httpFailureOf('not an error')).toBeUndefined();
  });
});
