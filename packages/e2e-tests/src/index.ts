/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * End-to-end tests only. What they share with the benchmarks and the sandbox
 * (repository root, free ports, PostgreSQL, the backend process, Chromium,
 * sign-in) is in `@internal/test-support`.
 *
 * @packageDocumentation
 */
export {};
