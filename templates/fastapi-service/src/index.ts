/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The `fastapi-service` software template: `template.yaml` and `skeleton/`
 * live next to this package; these helpers locate them for tests and tools.
 *
 * @packageDocumentation
 */

import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';

/** Absolute path of the template package directory. */
export const templateDir = resolvePackagePath(
  '@internal/template-fastapi-service',
);

/** Absolute path of `template.yaml`. */
export const templateFile = resolve(templateDir, 'template.yaml');

/** Absolute path of the skeleton rendered by `fetch:template`. */
export const skeletonDir = resolve(templateDir, 'skeleton');
