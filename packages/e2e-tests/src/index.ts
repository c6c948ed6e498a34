/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
export { startPostgres, type TestPostgres } from './support/postgres';
export { startBackend, type BackendProcess } from './support/backend';
