/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { rootHttpRouterServiceFactory as defaultRootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { httpServerMetrics } from './httpServerMetrics';

/**
 * Backstage's root HTTP router with its defaults, plus
 * {@link httpServerMetrics} in front of everything (so health checks,
 * refused and failed requests are measured too). Uses the router's
 * `configure` hook, the extension point Backstage offers for this.
 */
export const rootHttpRouterServiceFactory = defaultRootHttpRouterServiceFactory(
  {
    configure({ app, applyDefaults }) {
      app.use(httpServerMetrics());
      applyDefaults();
    },
  },
);
