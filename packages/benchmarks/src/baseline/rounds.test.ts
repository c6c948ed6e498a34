/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { measureRounds, medianBy, ROUND_PHASES, roundSchedule } from './rounds';

describe('roundSchedule', () => {
  it('measures every phase on both sides in every round', () => {
    const steps = roundSchedule(3);
    expect(steps).toHaveLength(3 * ROUND_PHASES.length);
    for (const round of [1, 2, 3]) {
      expect(steps.filter(s => s.round === round).map(s => s.phase)).toEqual([
        ...ROUND_PHASES,
      ]);
    }
    for (const step of steps) {
      expect([...step.order].sort()).toEqual([0, 1]);
    }
  });

  it('alternates which side goes first, across steps and, per phase, across rounds', () => {
    const steps = roundSchedule(3);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i].order[0]).not.toBe(steps[i - 1].order[0]);
    }
    for (const phase of ROUND_PHASES) {
      const firsts = steps.filter(s => s.phase === phase).map(s => s.order[0]);
      expect(firsts[0]).not.toBe(firsts[1]);
      expect(firsts[1]).not.toBe(firsts[2]);
    }
  });

  it('refuses an even, zero or fractional number of rounds', () => {
    expect(() => roundSchedule(2)).toThrow(/odd whole number.*got 2/);
    expect(() => roundSchedule(0)).toThrow(/got 0/);
    expect(() => roundSchedule(1.5)).toThrow(/got 1.5/);
    expect(roundSchedule(1)).toHaveLength(ROUND_PHASES.length);
  });
});

describe('medianBy', () => {
  it('returns the middle item by the key, whole, whatever the input order', () => {
    const rounds = [
      { rps: 700, p95: 30 },
      { rps: 500, p95: 50 },
      { rps: 650, p95: 35 },
    ];
    expect(medianBy(rounds, r => r.rps)).toBe(rounds[2]);
    expect(medianBy([rounds[0]], r => r.rps)).toBe(rounds[0]);
  });

  it('refuses an empty or even list rather than invent a figure', () => {
    expect(() => medianBy([], (n: number) => n)).toThrow(/odd number/);
    expect(() => medianBy([1, 2], n => n)).toThrow(/got 2/);
  });
});

describe('measureRounds', () => {
  it('runs the schedule one measurement at a time and keeps each side its own results', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    const side = (name: string) => ({
      name,
      async measure(phase: string) {
        inFlight++;
        expect(inFlight).toBe(1);
        calls.push(`${name}:${phase}`);
        await new Promise(r => setTimeout(r, 1));
        inFlight--;
        return `${name}-${phase}-${calls.length}`;
      },
    });
    const [a, b] = await measureRounds(
      [side('A'), side('B')],
      roundSchedule(3),
      () => {},
    );
    expect(calls).toHaveLength(2 * 3 * ROUND_PHASES.length);
    expect(calls.slice(0, 4)).toEqual([
      'A:byNameUser',
      'B:byNameUser',
      'B:byNameService',
      'A:byNameService',
    ]);
    for (const phase of ROUND_PHASES) {
      expect(a[phase]).toHaveLength(3);
      expect(a[phase].every(r => r.startsWith(`A-${phase}-`))).toBe(true);
      expect(b[phase].every(r => r.startsWith(`B-${phase}-`))).toBe(true);
    }
  });

  it('stops at the first failed measurement', async () => {
    let calls = 0;
    const ok = { name: 'A', measure: async () => ++calls };
    const failing = {
      name: 'B',
      measure: async () => {
        throw new Error('B is down');
      },
    };
    await expect(
      measureRounds([ok, failing], roundSchedule(1), () => {}),
    ).rejects.toThrow('B is down');
    expect(calls).toBe(1);
  });
});
