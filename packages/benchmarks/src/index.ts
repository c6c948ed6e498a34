/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export { runBenchmark, type BenchOptions } from './bench';
export { generateCatalog, entityMix, toYaml } from './entities';
export { percentile, summarizeLatencies } from './stats';
export { formatTable, resultRows, type BenchResults } from './report';
