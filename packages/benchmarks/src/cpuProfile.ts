/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** The parts of a V8 CPU profile (`Profiler.stop`, `.cpuprofile`) read here. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a script's code comes from: the innermost `node_modules` package,
 * `node:*` for Node's own modules, the workspace folder (`plugins/<name>`,
 * `packages/<name>`) for ours, `(vm)` for the garbage collector, idle time
 * and native code.
 */
export function sourceOf(url: string): string {
  if (!url) return '(vm)';
  const packages = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (packages) return packages[packages.length - 1].slice(13);
  if (url.startsWith('node:')) return url;
  const workspace = url.match(/\/((?:plugins|packages)\/[^/]+)\//);
  return workspace ? workspace[1] : url;
}

/**
 * Microseconds per request spent in each source's own code (self time:
 * callees from other sources count for them), largest first.
 */
export function selfTimeBySource(
  profile: CpuProfile,
  requests: number,
): [string, number][] {
  const source = new Map(
    profile.nodes.map(n => [n.id, sourceOf(n.callFrame.url)]),
  );
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    // A sample's time is the delta to the next sample.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const key = source.get(id) ?? '(vm)';
    totals.set(key, (totals.get(key) ?? 0) + us);
  });
  return [...totals]
    .map(([key, us]): [string, number] => [key, us / requests])
    .sort((a, b) => b[1] - a[1]);
}

/**
 * Microseconds per request spent in each function and everything it called
 * (inclusive time), for the functions whose `name source file` matches
 * `pattern` (`log @backstage/backend-defaults DefaultAuditorService.cjs.js`).
 */
export function inclusiveTime(
  profile: CpuProfile,
  requests: number,
  pattern: RegExp,
): [string, number][] {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const child of n.children ?? []) parent.set(child, n.id);
  }
  const name = (id: number) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    const file = url.slice(url.lastIndexOf('/') + 1);
    return `${functionName || '(anonymous)'} ${sourceOf(url)} ${file}`;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const seen = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const key = name(at);
      if (pattern.test(key)) seen.add(key);
    }
    for (const key of seen) totals.set(key, (totals.get(key) ?? 0) + us);
  });
  return [...totals]
    .map(([key, us]): [string, number] => [key, us / requests])
    .sort((a, b) => b[1] - a[1]);
}
