/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  ApiBlueprint,
  createFrontendModule,
  identityApiRef,
  storageApiRef,
} from '@backstage/frontend-plugin-api';
import { VisitsStorageApi, visitsApiRef } from '@backstage/plugin-home';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';
import { GettingStarted } from './GettingStarted';
import { entityRootPath, isEntityVisit } from './visits';

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: '시작하기 · Getting started',
    description: 'What to try first in Launchpad',
    components: async () => ({ Content: GettingStarted }),
  },
});

// "My services": the user's teams' components with their Argo CD status.
// Its code (catalog query, Argo CD client) loads with the widget.
const myServicesWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'MyServices',
    title: '내 서비스 · My services',
    description: "Your teams' components and how their deployments are",
    components: () =>
      import('./MyServices').then(m => ({ Content: m.MyServices })),
  },
});

// The entities the user visited: most recent, and most visited.
const recentlyVisitedWidget = HomePageWidgetBlueprint.make({
  name: 'recently-visited-entities',
  params: {
    name: 'RecentlyVisitedEntities',
    title: '최근 방문 · Recently visited',
    description: 'The catalog pages you opened last',
    components: () =>
      import('./VisitedEntities').then(m => ({ Content: m.RecentlyVisited })),
  },
});
const topVisitedWidget = HomePageWidgetBlueprint.make({
  name: 'top-visited-entities',
  params: {
    name: 'TopVisitedEntities',
    title: '자주 방문 · Top visited',
    description: 'The catalog pages you open most',
    components: () =>
      import('./VisitedEntities').then(m => ({ Content: m.TopVisited })),
  },
});

// Replaces the home plugin's `api:home/visits` (disabled by default): the
// same storage-backed visits, but only entity pages, each saved once for
// all its tabs, for the "Recently visited" and "Top visited" widgets.
const visitsApi = ApiBlueprint.make({
  name: 'visits',
  params: defineParams =>
    defineParams({
      api: visitsApiRef,
      deps: { storageApi: storageApiRef, identityApi: identityApiRef },
      factory: ({ storageApi, identityApi }) =>
        VisitsStorageApi.create({
          storageApi,
          identityApi,
          canSave: isEntityVisit,
          transformPathname: entityRootPath,
        }),
    }),
});

// The widgets on a fixed grid instead of Backstage's drag-and-drop one (see
// HomeLayout.tsx); the positions come from page:home's defaultConfig.
const homeLayout = HomePageLayoutBlueprint.make({
  name: 'launchpad',
  params: {
    loader: () => import('./HomeLayout').then(m => m.HomeLayout),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    gettingStartedWidget,
    myServicesWidget,
    recentlyVisitedWidget,
    topVisitedWidget,
    visitsApi,
    homeLayout,
  ],
});
