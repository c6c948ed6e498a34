/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { TenancyService } from '@internal/plugin-launchpad-tenancy-node';
import express from 'express';
import Router from 'express-promise-router';

/** One team as `GET /v1/teams` answers it. */
export interface TeamResponse {
  /** Group entity reference, e.g. `group:default/payments`. */
  group: string;
  name: string;
  project: string;
  clusters: string[];
  namespaces: string[];
  ingress: { domains: string[]; internetFacing: boolean };
}

/** The body of `GET /v1/teams`. */
export interface TeamsResponse {
  /** The user is in a platform group and may create for every team. */
  platform: boolean;
  items: TeamResponse[];
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  tenancy: TenancyService;
}): Promise<express.Router> {
  const { httpAuth, tenancy } = options;
  const router = Router();
  router.use(express.json());

  // The teams the caller may pick as owner. Only users: a service token has
  // no teams. The answer is a convenience for the form; launchpad:tenancy:check
  // and argocd:app:create enforce the same rules on the server.
  router.get('/v1/teams', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { platform, teams } = await tenancy.teamsForUser(
      credentials.principal.userEntityRef,
    );
    const body: TeamsResponse = {
      platform,
      items: teams.map(t => ({
        group: t.group,
        name: t.name,
        project: t.project,
        clusters: t.clusters,
        namespaces: t.namespaces,
        ingress: {
          domains: t.ingress.domains,
          internetFacing: t.ingress.internetFacing,
        },
      })),
    };
    res.json(body);
  });
  return router;
}
