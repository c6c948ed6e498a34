/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentLayoutBlueprint,
} from '@backstage/plugin-catalog-react/alpha';

/**
 * `entity-content-layout:catalog/service-overview`: the Overview tab of
 * Components and of the APIs they provide (the default layout squeezes the
 * About card into a narrow column, which cut "experimental" mid-word).
 * Loaded with the tab, not with the first page.
 */
export const serviceOverviewLayout = EntityContentLayoutBlueprint.make({
  name: 'service-overview',
  params: {
    filter: { kind: { $in: ['component', 'api'] } },
    loader: () =>
      import('./ServiceOverviewLayout').then(m => m.ServiceOverviewLayout),
  },
});

/**
 * `entity-card:kubernetes/pods-summary`: pods ready and restarting, for
 * entities the Kubernetes plugin can find workloads for.
 */
export const podsSummaryCard = EntityCardBlueprint.make({
  name: 'pods-summary',
  params: {
    type: 'info',
    filter: {
      $any: [
        {
          'metadata.annotations.backstage.io/kubernetes-id': { $exists: true },
        },
        {
          'metadata.annotations.backstage.io/kubernetes-label-selector': {
            $exists: true,
          },
        },
      ],
    },
    loader: () =>
      import('./KubernetesSummaryCard').then(m => <m.KubernetesSummaryCard />),
  },
});

export const serviceOverviewModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [serviceOverviewLayout],
});

export const kubernetesSummaryModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [podsSummaryCard],
});
