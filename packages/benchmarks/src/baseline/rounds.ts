/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** What each round measures on both sides, in this order. */
export const ROUND_PHASES = [
  'byNameUser',
  'byNameService',
  'listWithCount',
  'pageQuery',
  'freshTab',
] as const;

export type RoundPhase = (typeof ROUND_PHASES)[number];

export interface ScheduledStep {
  /** 1-based. */
  round: number;
  phase: RoundPhase;
  /** The two sides' indexes, the one measured first first. */
  order: [number, number];
}

/**
 * The order of a comparison's repeated measurements: every round measures
 * every phase on both sides back to back, and which side goes first
 * alternates from one step to the next. With an odd number of phases per
 * round, each phase also alternates across rounds, so a machine that slows
 * down or speeds up over the run weighs on both sides alike.
 */
export function roundSchedule(rounds: number): ScheduledStep[] {
  if (!Number.isInteger(rounds) || rounds < 1 || rounds % 2 === 0) {
    throw new Error(
      `rounds must be an odd whole number (1, 3, 5, …) so each figure is one round's, got ${rounds}`,
    );
  }
  const steps: ScheduledStep[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const phase of ROUND_PHASES) {
      const order: [number, number] = steps.length % 2 === 0 ? [0, 1] : [1, 0];
      steps.push({ round, phase, order });
    }
  }
  return steps;
}

/**
 * The median item by `key`: for an odd count, the middle one, so a load
 * phase's throughput, latency and CPU per request all come from the same
 * round. Throws on an empty or even list.
 */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  if (items.length === 0 || items.length % 2 === 0) {
    throw new Error(
      `the median round needs an odd number of rounds, got ${items.length}`,
    );
  }
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[(sorted.length - 1) / 2];
}

/** What `measureRounds` needs of a side: one phase at a time. */
export interface MeasurableSide<R> {
  name: string;
  measure(phase: RoundPhase): Promise<R>;
}

/**
 * Runs a `roundSchedule` on two sides and returns, for each side, every
 * phase's results in round order.
 */
export async function measureRounds<R>(
  sides: [MeasurableSide<R>, MeasurableSide<R>],
  schedule: readonly ScheduledStep[],
  log: (line: string) => void,
): Promise<[Record<RoundPhase, R[]>, Record<RoundPhase, R[]>]> {
  const empty = () =>
    Object.fromEntries(ROUND_PHASES.map(p => [p, [] as R[]])) as Record<
      RoundPhase,
      R[]
    >;
  const results: [Record<RoundPhase, R[]>, Record<RoundPhase, R[]>] = [
    empty(),
    empty(),
  ];
  const rounds = schedule[schedule.length - 1]?.round ?? 0;
  for (const step of schedule) {
    log(
      `round ${step.round} of ${rounds}, ${step.phase}: ${
        sides[step.order[0]].name
      } first`,
    );
    for (const index of step.order) {
      results[index][step.phase].push(await sides[index].measure(step.phase));
    }
  }
  return results;
}
