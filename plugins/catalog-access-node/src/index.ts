/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Reading a catalog entity as the caller, for backend routes that answer
 * with data about an entity (the Argo CD status, the CI runs).
 *
 * @packageDocumentation
 */

export { readEntityAsCaller } from './readEntity';
