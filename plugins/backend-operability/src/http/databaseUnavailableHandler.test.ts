/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { mockServices } from '@backstage/backend-test-utils';
import { DatabaseOutageLog } from './databaseUnavailableHandler';

describe('DatabaseOutageLog', () => {
  it('logs the first failure at once, then one line per minute with the count', () => {
    let now = 0;
    const logger = mockServices.logger.mock();
    const log = new DatabaseOutageLog({ logger, now: () => now });
    const error = Object.assign(
      new Error('connect ECONNREFUSED 10.0.0.5:5432'),
      {
        code: 'ECONNREFUSED',
      },
    );

    log.record(error, 'catalog');
    for (let i = 0; i < 299; i++) {
      now += 200; // five requests a second
      log.record(error, i % 2 ? 'catalog' : 'scaffolder');
    }
    // 60 s: the first line, then one summary of the 299 later requests.
    expect(logger.error).toHaveBeenCalledTimes(1);
    now += 200;
    log.record(error, 'catalog');
    expect(logger.error).toHaveBeenCalledTimes(2);
    const [first, second] = logger.error.mock.calls;
    expect(first[0]).toMatch(
      /^The database is unavailable: API requests get 503 with Retry-After until it answers again \(Error: connect ECONNREFUSED 10\.0\.0\.5:5432\)$/,
    );
    expect(first[1]).toEqual({
      type: 'databaseUnavailable',
      requests: 1,
      plugins: 'catalog',
    });
    expect(second[0]).toMatch(
      /^The database is still unavailable: 300 API requests answered 503 in the last 60 s/,
    );
    expect(second[1]).toMatchObject({
      requests: 300,
      plugins: 'catalog,scaffolder',
    });

    // Long quiet, then a new outage: worded as a new one.
    now += 10 * 60_000;
    log.record(error, 'catalog');
    expect(logger.error.mock.calls[2][0]).toMatch(
      /^The database is unavailable/,
    );
  });
});
