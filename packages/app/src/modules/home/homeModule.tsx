/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';
import { GettingStarted } from './GettingStarted';

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: '시작하기 · Getting started',
    description: 'What to try first in Launchpad',
    components: async () => ({ Content: GettingStarted }),
  },
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
  extensions: [gettingStartedWidget, homeLayout],
});
