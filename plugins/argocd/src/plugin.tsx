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
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ARGOCD_APP_NAME_ANNOTATION } from '@internal/plugin-argocd-common';
import { argoCdApiRef, ArgoCdClient } from './api';

/** `api:argocd`: talks to the `argocd` backend plugin. @public */
export const argoCdApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: argoCdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ArgoCdClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-card:argocd/status`: the Argo CD card on the overview page of every
 * entity with an `argocd/app-name` annotation.
 *
 * @public
 */
export const argoCdEntityCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    type: 'info',
    filter: {
      [`metadata.annotations.${ARGOCD_APP_NAME_ANNOTATION}`]: { $exists: true },
    },
    loader: () =>
      import('./components/ArgoCdStatusCard').then(m => <m.ArgoCdStatusCard />),
  },
});

/**
 * The Argo CD frontend plugin (new frontend system). Installed by listing the
 * package in `packages/app/package.json` (`app.packages: all`).
 *
 * @public
 */
export const argoCdPlugin = createFrontendPlugin({
  pluginId: 'argocd',
  title: 'Argo CD',
  extensions: [argoCdApi, argoCdEntityCard],
});
