/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * `/api/v1/projects`: the AppProjects the stand-in knows (../projects.ts),
 * as `v1alpha1AppProject`, with Argo CD's `projects, get` RBAC check.
 */
import type { Router } from '@internal/stand-in-http';
import { ARGOCD_NAMESPACE } from '../admission';
import { ArgoCdRequest, reply } from '../dispatch';
import { notFound, permissionDenied } from '../errors';
import type { ProjectRegistry } from '../projects';
import type { StandInAccess } from '../rbac';

export interface ProjectRoutesOptions {
  projects: ProjectRegistry;
  access: StandInAccess;
}

export function addProjectRoutes(
  router: Router<ArgoCdRequest>,
  { projects, access }: ProjectRoutesOptions,
) {
  router.get(/^\/api\/v1\/projects$/, req => {
    // As Argo CD: the list leaves out what the caller may not get.
    reply(req, {
      metadata: { resourceVersion: '1' },
      items: projects
        .names()
        .filter(n => access.can(req.who, 'projects', 'get', n))
        .map(n => projects.resource(n, ARGOCD_NAMESPACE)),
    });
  });

  router.get(/^\/api\/v1\/projects\/(?<name>[^/]+)$/, req => {
    const name = req.params.name;
    const denied = access.denial(req.who, 'projects', 'get', name);
    if (denied) throw permissionDenied(denied);
    const project = projects.resource(name, ARGOCD_NAMESPACE);
    if (!project) throw notFound('appprojects', name);
    reply(req, project);
  });
}
