/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// A development backend for this module: `yarn start` in this folder serves
// the catalog and TechDocs on :7007 with the guard installed, plus three
// demo components whose docs are refused or fail to build (dev/fixtures).
// Run the frontend next to it (`yarn workspace app start`) and open
// http://localhost:3000/catalog/default/component/guard-demo-hooks/docs
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('../src'));

backend.start();
