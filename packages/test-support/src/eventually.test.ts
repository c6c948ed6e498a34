/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { eventually } from './eventually';

describe('eventually', () => {
  it('returns the first value the check gives, retrying past errors and undefined', async () => {
    let calls = 0;
    const value = await eventually(
      'the third call',
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('not yet');
        return calls === 3 ? 'done' : undefined;
      },
      5_000,
      1,
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('fails with what it waited for and the last error', async () => {
    await expect(
      eventually(
        'a value that never comes',
        async () => {
          throw new Error('still broken');
        },
        20,
        1,
      ),
    ).rejects.toThrow(
      'Timed out waiting for a value that never comes: Error: still broken',
    );
  });
});
