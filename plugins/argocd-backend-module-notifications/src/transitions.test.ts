/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { decide, NotificationState, Observation, observe } from './transitions';

const on = { notifyRecovery: true };

/** Feeds observations one poll at a time, keeping the state as the store would. */
function replay(observations: Observation[], options = on) {
  let state: NotificationState | undefined;
  return observations.map(o => {
    const { next, notice } = decide(state, o, options);
    state = next;
    return notice?.kind ?? null;
  });
}

const healthy: Observation = { health: 'Healthy' };
const progressing: Observation = { health: 'Progressing' };
const degraded: Observation = {
  health: 'Degraded',
  healthMessage: 'Deployment "orders" exceeded its progress deadline',
};
const failedSync = (startedAt: string): Observation => ({
  health: 'Degraded',
  failedOperation: {
    id: `${startedAt}|Failed`,
    phase: 'Failed',
    message: 'one or more objects failed to apply',
  },
});

describe('decide', () => {
  it('says nothing while the Application stays healthy', () => {
    expect(replay([progressing, healthy, healthy, healthy])).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('tells once when it turns Degraded, however often it is polled', () => {
    expect(replay([healthy, degraded, degraded, degraded, degraded])).toEqual([
      null,
      'degraded',
      null,
      null,
      null,
    ]);
  });

  it('keeps a resync of a still broken deployment (Degraded, Progressing, Degraded) one event', () => {
    expect(replay([healthy, degraded, progressing, degraded])).toEqual([
      null,
      'degraded',
      null,
      null,
    ]);
  });

  it('tells of the recovery, and again after recovery then degrade', () => {
    expect(
      replay([healthy, degraded, degraded, healthy, healthy, degraded]),
    ).toEqual([null, 'degraded', null, 'recovered', null, 'degraded']);
  });

  it('can leave the recovery out, and still tells of the next degrade', () => {
    expect(
      replay([healthy, degraded, healthy, degraded], { notifyRecovery: false }),
    ).toEqual([null, 'degraded', null, 'degraded']);
  });

  it('tells of a failed sync once, not again as Degraded, and of each new failed sync', () => {
    const first = failedSync('2026-12-06T12:00:00Z');
    const second = failedSync('2026-12-06T12:05:00Z');
    expect(replay([healthy, first, first, degraded, second, second])).toEqual([
      null,
      'syncFailed',
      null,
      null,
      'syncFailed',
      null,
    ]);
  });

  it('tells of an Application first seen Degraded (no one was told yet)', () => {
    expect(replay([degraded, degraded])).toEqual(['degraded', null]);
  });

  it('carries what it needs for the message', () => {
    const { notice } = decide(undefined, failedSync('t'), on);
    expect(notice).toEqual({
      kind: 'syncFailed',
      phase: 'Failed',
      message: 'one or more objects failed to apply',
      health: 'Degraded',
    });
  });
});

describe('observe', () => {
  it('reads health and a failed or errored operation; a running or successful one is none', () => {
    const app = (phase: string) => ({
      metadata: { name: 'orders' },
      spec: { project: 'p', destination: {} },
      status: {
        health: { status: 'Degraded', message: 'm' },
        operationState: { phase, message: 'x', startedAt: 's' },
      },
    });
    expect(observe(app('Error')).failedOperation).toEqual({
      id: 's|Error',
      phase: 'Error',
      message: 'x',
    });
    expect(observe(app('Failed')).failedOperation?.phase).toBe('Failed');
    expect(observe(app('Running')).failedOperation).toBeUndefined();
    expect(observe(app('Succeeded')).failedOperation).toBeUndefined();
    expect(observe(app('Succeeded'))).toMatchObject({
      health: 'Degraded',
      healthMessage: 'm',
    });
  });
});
