/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { GITHUB_PROJECT_SLUG_ANNOTATION } from '@internal/plugin-github-actions-common';
import { githubActionsApiRef, GithubActionsClient } from './api';

const hasProjectSlug = {
  [`metadata.annotations.${GITHUB_PROJECT_SLUG_ANNOTATION}`]: { $exists: true },
};

/** `api:github-actions`: talks to the `github-actions` backend plugin. @public */
export const githubActionsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: githubActionsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GithubActionsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-card:github-actions/latest-runs`: the latest CI runs of the default
 * branch, on the overview of every entity with `github.com/project-slug`.
 *
 * @public
 */
export const latestRunsEntityCard = EntityCardBlueprint.make({
  name: 'latest-runs',
  params: {
    type: 'info',
    filter: hasProjectSlug,
    loader: () =>
      import('./components/LatestRunsCard').then(m => <m.LatestRunsCard />),
  },
});

/**
 * `entity-content:github-actions/ci`: the "CI" tab with more runs.
 *
 * @public
 */
export const ciEntityContent = EntityContentBlueprint.make({
  name: 'ci',
  params: {
    path: '/ci',
    title: 'CI',
    filter: hasProjectSlug,
    loader: () =>
      import('./components/CiRunsContent').then(m => <m.CiRunsContent />),
  },
});

/**
 * The GitHub Actions frontend plugin (new frontend system). Installed by
 * listing the package in `packages/app/package.json` (`app.packages: all`).
 *
 * @public
 */
export const githubActionsPlugin = createFrontendPlugin({
  pluginId: 'github-actions',
  title: 'GitHub Actions',
  extensions: [githubActionsApi, latestRunsEntityCard, ciEntityContent],
});
