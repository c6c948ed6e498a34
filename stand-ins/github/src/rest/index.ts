/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import type { Router } from '@internal/stand-in-http';
import type { World } from '../world';
import { addApplicationRoutes } from './applications';
import { addBranchRoutes } from './branches';
import { addCommitRoutes } from './commits';
import { addContentRoutes } from './contents';
import { createRestContext } from './context';
import { addGitDataRoutes } from './gitData';
import { addOrgRoutes } from './orgs';
import { addRateLimitRoutes } from './rateLimit';
import { addRepoRoutes } from './repos';
import { addUserRoutes } from './users';

export { ApiError, sendApiError } from './errors';

/**
 * REST v3 under `/api/v3`, one module per resource. The first matching route
 * wins, and each module registers its longer paths first
 * (`/commits/{ref}/status` before `/commits/{ref}`).
 */
export function addRestRoutes(router: Router, world: World) {
  const ctx = createRestContext(world);
  addUserRoutes(router, ctx);
  addOrgRoutes(router, ctx);
  addRepoRoutes(router, ctx);
  addContentRoutes(router, ctx);
  addCommitRoutes(router, ctx);
  addBranchRoutes(router, ctx);
  addGitDataRoutes(router, ctx);
  addRateLimitRoutes(router, ctx);
  addApplicationRoutes(router, ctx);
}
