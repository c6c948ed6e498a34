/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * End-to-end tests. What they share with the benchmarks and the sandbox
 * (repository root, free ports, PostgreSQL, the backend process, Chromium,
 * sign-in) is in `@internal/test-support`. This package exports only what
 * needs the sandbox package too (which itself depends on test-support): the
 * production bundle as the image runs it, with its stand-ins, and a template
 * run through the scaffolder API. The benchmarks use them.
 *
 * @packageDocumentation
 */
export {
  prepareBundlePortal,
  type BundlePortal,
  type BundlePortalOptions,
} from './support/bundlePortal';
export {
  prepareProductionRuntime,
  runtimeStageSteps,
  type ProductionRuntime,
} from './support/productionRuntime';
export { runFastApiTemplate, type TemplateRun } from './support/templateRun';
